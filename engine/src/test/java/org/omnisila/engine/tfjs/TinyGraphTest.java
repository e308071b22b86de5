package org.omnisila.engine.tfjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-written model.json files: weights in each storage (float32, float16, uint8-quantised, int32),
 * Identity on an input and on a constant, and the messages for what can go wrong.
 */
class TinyGraphTest {

    @TempDir
    Path dir;

    /** x [-1,3] -> y = Relu(x * w + b), w float16 (1, -2, 0.5), b uint8-quantised (q * 0.5 - 1, q = 0, 2, 255). */
    private Path writeModel(String extraNode, int binBytes) throws IOException {
        String json = """
                {"format": "graph-model", "modelTopology": {"node": [
                  {"name": "x", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"},
                     "shape": {"shape": {"dim": [{"size": "-1"}, {"size": "3"}]}}}},
                  {"name": "w", "op": "Const"}, {"name": "b", "op": "Const"}, {"name": "axes", "op": "Const"},
                  {"name": "xw", "op": "Mul", "input": ["x", "w"]},
                  {"name": "xwb", "op": "AddV2", "input": ["xw", "b", "^w"]},
                  {"name": "y", "op": "Relu", "input": ["xwb"]},
                  {"name": "same", "op": "Identity", "input": ["x"]},
                  {"name": "wcopy", "op": "Identity", "input": ["w"]}%s
                ]},
                "weightsManifest": [{"paths": ["tiny.bin"], "weights": [
                  {"name": "w", "shape": [3], "dtype": "float32", "quantization": {"dtype": "float16", "original_dtype": "float32"}},
                  {"name": "b", "shape": [3], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1}},
                  {"name": "axes", "shape": [2], "dtype": "int32"}
                ]}]}
                """.formatted(extraNode);
        Files.writeString(dir.resolve("model.json"), json);
        ByteBuffer bin = ByteBuffer.allocate(6 + 3 + 8).order(ByteOrder.LITTLE_ENDIAN);
        bin.putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x3800); // 1, -2, 0.5
        bin.put((byte) 0).put((byte) 2).put((byte) 255); // -1, 0, 126.5
        bin.putInt(1).putInt(-1);
        Files.write(dir.resolve("tiny.bin"), java.util.Arrays.copyOf(bin.array(), binBytes));
        return dir.resolve("model.json");
    }

    @Test
    void runsWithQuantisedWeightsAndIdentityOutputs() throws IOException {
        try (TfjsGraphModel model = TfjsGraphModel.load(writeModel("", 17), Device.cpu());
                NDManager m = NDManager.newBaseManager()) {
            assertEquals(List.of("x"), model.inputNames());
            assertEquals(List.of("y", "same", "wcopy"), model.outputNames());
            NDArray x = m.create(new float[] {2, 3, 4, 1, 1, 1}, new Shape(2, 3));
            NDList out = model.execute(m, Map.of("x", x), List.of("y", "same", "wcopy", "xw"));
            // (2, 3, 4) * (1, -2, 0.5) + (-1, 0, 126.5) = (1, -6, 128.5) -> Relu -> (1, 0, 128.5).
            assertArrayEquals(new float[] {1, 0, 128.5f, 0, 0, 127}, out.get(0).toFloatArray());
            assertArrayEquals(new float[] {2, 3, 4, 1, 1, 1}, out.get(1).toFloatArray());
            assertArrayEquals(new float[] {1, -2, 0.5f}, out.get(2).toFloatArray());
            assertArrayEquals(new float[] {2, -6, 2, 1, -2, 0.5f}, out.get(3).toFloatArray());
            // Outputs belong to the caller and are copies where they would alias an input or a weight.
            assertTrue(out.stream().allMatch(a -> a.getManager() == m));
            assertFalse(out.get(1) == x);
            out.get(2).muli(0);
            NDList again = model.execute(m, Map.of("x", x), List.of("wcopy"));
            assertArrayEquals(new float[] {1, -2, 0.5f}, again.singletonOrThrow().toFloatArray());
            assertFalse(x.isReleased());
        }
    }

    @Test
    void inputOfTheWrongShapeOrMissingIsNamed() throws IOException {
        try (TfjsGraphModel model = TfjsGraphModel.load(writeModel("", 17), Device.cpu());
                NDManager m = NDManager.newBaseManager()) {
            TfjsModelException shape = assertThrows(TfjsModelException.class,
                    () -> model.execute(m, m.create(new float[4], new Shape(1, 4))));
            assertTrue(shape.getMessage().endsWith("input x must have shape [-1, 3] (-1: any), got (1, 4)"),
                    shape.getMessage());
            TfjsModelException missing = assertThrows(TfjsModelException.class,
                    () -> model.execute(m, Map.of(), List.of("y")));
            assertTrue(missing.getMessage().endsWith("needs input x; inputs: [x]"), missing.getMessage());
            TfjsModelException unknown = assertThrows(TfjsModelException.class,
                    () -> model.execute(m, Map.of(), List.of("nope")));
            assertTrue(unknown.getMessage().endsWith("has no node named nope"), unknown.getMessage());
        }
    }

    @Test
    void unsupportedOpFailsAtLoadNamingOpAndNode() throws IOException {
        Path json = writeModel(", {\"name\": \"nms\", \"op\": \"NonMaxSuppressionV5\", \"input\": [\"y\"]}", 17);
        TfjsModelException e = assertThrows(TfjsModelException.class, () -> TfjsGraphModel.load(json, Device.cpu()));
        assertTrue(e.getMessage().startsWith("TF.js model " + json + ": node nms uses op NonMaxSuppressionV5, which "
                + "this executor does not implement"), e.getMessage());
    }

    @Test
    void shardOfTheWrongSizeIsReported() throws IOException {
        Path json = writeModel("", 16);
        TfjsModelException e = assertThrows(TfjsModelException.class, () -> TfjsGraphModel.load(json, Device.cpu()));
        assertEquals("Weight shards [tiny.bin] of TF.js model " + json + " hold 16 bytes; its weightsManifest needs 17",
                e.getMessage());
    }

    @Test
    void constWithoutWeightIsReported() throws IOException {
        Path json = writeModel(", {\"name\": \"orphan\", \"op\": \"Const\"}", 17);
        TfjsModelException e = assertThrows(TfjsModelException.class, () -> TfjsGraphModel.load(json, Device.cpu()));
        assertTrue(e.getMessage().endsWith("Const node orphan has no weight in the weightsManifest"), e.getMessage());
    }

    @Test
    void halfFloatsDecodeExactly() {
        assertEquals(1f, WeightDecoder.halfToFloat(0x3c00));
        assertEquals(-2f, WeightDecoder.halfToFloat(0xc000));
        assertEquals(65504f, WeightDecoder.halfToFloat(0x7bff));
        assertEquals(0x1p-24f, WeightDecoder.halfToFloat(0x0001));
        assertEquals(1023 * 0x1p-24f, WeightDecoder.halfToFloat(0x03ff));
        assertEquals(0x1p-14f, WeightDecoder.halfToFloat(0x0400));
        assertEquals(0.333251953125f, WeightDecoder.halfToFloat(0x3555));
        assertEquals(Float.POSITIVE_INFINITY, WeightDecoder.halfToFloat(0x7c00));
        assertEquals(Float.NEGATIVE_INFINITY, WeightDecoder.halfToFloat(0xfc00));
        assertTrue(Float.isNaN(WeightDecoder.halfToFloat(0x7e00)));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(WeightDecoder.halfToFloat(0x8000)));
    }
}
