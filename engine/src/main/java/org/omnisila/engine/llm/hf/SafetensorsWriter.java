package org.omnisila.engine.llm.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes tensors as one safetensors file, the layout {@link SafetensorsFile} reads and Hugging Face's
 * {@code safetensors.torch.save_file} writes: an 8-byte little-endian header length, a JSON header (name -> dtype,
 * shape, data offsets; {@code __metadata__} {"format": "pt"}) padded with spaces to a multiple of 8, then the
 * raw little-endian bytes, tensors in name order. Used for LoRA adapters (a few MB: each tensor is copied to the
 * Java heap once), not for whole models.
 */
public final class SafetensorsWriter {
    private static final Map<DataType, String> NAMES = Map.of(DataType.FLOAT32, "F32", DataType.FLOAT16, "F16",
            DataType.BFLOAT16, "BF16");

    private SafetensorsWriter() {
    }

    /**
     * @param path    the file to write (replaced if it exists)
     * @param tensors float32, float16 or bfloat16 arrays by name
     * @throws IllegalArgumentException for another type
     */
    public static void write(Path path, Map<String, NDArray> tensors) throws IOException {
        Map<String, NDArray> sorted = new TreeMap<>(tensors);
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (Map.Entry<String, NDArray> e : sorted.entrySet()) {
            NDArray a = e.getValue();
            String dtype = NAMES.get(a.getDataType());
            if (dtype == null) {
                throw new IllegalArgumentException("tensor " + e.getKey() + " is " + a.getDataType()
                        + "; only float32, float16 and bfloat16 are written");
            }
            long bytes = a.getShape().size() * a.getDataType().getNumOfBytes();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", dtype);
            ArrayNode shape = entry.putArray("shape");
            for (long d : a.getShape().getShape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] raw = json.writeValueAsBytes(header);
        int padded = (raw.length + 7) / 8 * 8;
        byte[] text = new byte[padded];
        System.arraycopy(raw, 0, text, 0, raw.length);
        for (int i = raw.length; i < padded; i++) {
            text[i] = (byte) ' ';
        }
        try (OutputStream out = Files.newOutputStream(path);
             WritableByteChannel channel = Channels.newChannel(out)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).flip();
            channel.write(length);
            channel.write(ByteBuffer.wrap(text));
            for (NDArray a : sorted.values()) {
                ByteBuffer data = a.toByteBuffer();
                ByteBuffer little = ByteBuffer.allocate(data.remaining()).order(ByteOrder.LITTLE_ENDIAN);
                if (data.order() == ByteOrder.LITTLE_ENDIAN) {
                    little.put(data);
                } else {
                    swap(data, little, a.getDataType().getNumOfBytes());
                }
                channel.write(little.flip());
            }
        }
    }

    private static void swap(ByteBuffer from, ByteBuffer to, int width) {
        byte[] v = new byte[width];
        while (from.hasRemaining()) {
            from.get(v);
            for (int i = width - 1; i >= 0; i--) {
                to.put(v[i]);
            }
        }
    }
}
