package org.omnisila.engine.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the weight shards of a TF.js graph model into NDArrays: each group's shards are concatenated and
 * its weights read in order, little-endian. Quantised weights are expanded to their original dtype the
 * way TF.js does it: {@code float16} exactly, {@code uint8}/{@code uint16} as {@code v * scale + min}.
 */
public final class WeightDecoder {

    private WeightDecoder() {
    }

    /**
     * @param model the parsed model.json
     * @param shard the file of a shard path named in the manifest
     * @param manager where the arrays are created
     * @return weight name to array, in manifest order
     * @throws TfjsModelException when a shard cannot be read or its size does not match the weights
     */
    public static Map<String, NDArray> decode(GraphModelJson model, Function<String, Path> shard, NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (GraphModelJson.WeightGroup group : model.weightGroups()) {
            ByteBuffer bytes = ByteBuffer.wrap(concat(model, group.paths(), shard)).order(ByteOrder.LITTLE_ENDIAN);
            long needed = group.weights().stream().mapToLong(WeightSpec::byteLength).sum();
            if (needed != bytes.remaining()) {
                throw new TfjsModelException("Weight shards " + group.paths() + " of TF.js model " + model.file()
                        + " hold " + bytes.remaining() + " bytes; its weightsManifest needs " + needed);
            }
            for (WeightSpec w : group.weights()) {
                out.put(w.name(), read(w, bytes, manager));
            }
        }
        return out;
    }

    private static byte[] concat(GraphModelJson model, List<String> paths, Function<String, Path> shard) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String p : paths) {
            Path file = shard.apply(p);
            try {
                all.write(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new TfjsModelException("Cannot read weight shard " + file + " of TF.js model " + model.file()
                        + ": " + e, e);
            }
        }
        return all.toByteArray();
    }

    private static NDArray read(WeightSpec w, ByteBuffer bytes, NDManager manager) {
        int n = Math.toIntExact(w.size());
        Shape shape = new Shape(w.shape());
        String stored = w.quantization() != null ? w.quantization().dtype() : w.dtype();
        boolean integer = w.dtype().equals("int32");
        switch (stored) {
            case "float32": {
                float[] v = new float[n];
                bytes.asFloatBuffer().get(v);
                bytes.position(bytes.position() + 4 * n);
                return manager.create(v, shape);
            }
            case "int32": {
                int[] v = new int[n];
                bytes.asIntBuffer().get(v);
                bytes.position(bytes.position() + 4 * n);
                return manager.create(v, shape);
            }
            case "bool": {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = bytes.get() != 0;
                }
                return manager.create(v, shape);
            }
            case "float16": {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = halfToFloat(bytes.getShort() & 0xffff);
                }
                return integer ? manager.create(toInts(v), shape) : manager.create(v, shape);
            }
            case "uint8":
            case "uint16": {
                double scale = w.quantization().scale();
                double min = w.quantization().min();
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    int q = stored.equals("uint8") ? bytes.get() & 0xff : bytes.getShort() & 0xffff;
                    v[i] = (float) (q * scale + min);
                }
                return integer ? manager.create(toInts(v), shape) : manager.create(v, shape);
            }
            default:
                throw new IllegalStateException("byteLength() accepted " + stored); // unreachable
        }
    }

    private static int[] toInts(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.round(v[i]);
        }
        return out;
    }

    /**
     * IEEE 754 half precision to single precision, exact (Java 17 has no {@code Float.float16ToFloat}).
     *
     * @param half the 16 bits, in the low bits of the int
     * @return the same number as a float
     */
    public static float halfToFloat(int half) {
        int sign = (half >>> 15 & 1) << 31;
        int exponent = half >>> 10 & 0x1f;
        int mantissa = half & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13);
        }
        if (exponent == 0) {
            if (mantissa == 0) {
                return Float.intBitsToFloat(sign);
            }
            exponent = 1;
            while ((mantissa & 0x400) == 0) { // subnormal: normalise
                mantissa <<= 1;
                exponent--;
            }
            mantissa &= 0x3ff;
        }
        return Float.intBitsToFloat(sign | exponent + 112 << 23 | mantissa << 13);
    }
}
