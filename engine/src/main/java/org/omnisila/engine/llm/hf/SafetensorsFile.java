package org.omnisila.engine.llm.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.omnisila.engine.icm.checkpoint.CheckpointException;

/**
 * A safetensors file read tensor by tensor: the header (8-byte little-endian length, then JSON: name -> dtype,
 * shape, data offsets) is read and checked at once, the data only when a tensor is asked for, so a 10 GB shard
 * costs the memory of its largest tensor, not its size. (The engine's checkpoints use DJL's {@code NDList.decode},
 * which needs the whole file as one byte array: fine for the small ICM, impossible beyond 2 GB.)
 *
 * <p>The header check catches truncated files: every tensor's offsets must match its shape and type and lie
 * within the file, and each message names the file and the tensor.
 */
public final class SafetensorsFile {
    /** A larger header is taken for a damaged length field (real ones are a few hundred KB). */
    static final long MAX_HEADER = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, DataType> TYPES = Map.of("F64", DataType.FLOAT64, "F32", DataType.FLOAT32,
            "F16", DataType.FLOAT16, "BF16", DataType.BFLOAT16, "I64", DataType.INT64, "I32", DataType.INT32,
            "I8", DataType.INT8, "U8", DataType.UINT8, "BOOL", DataType.BOOLEAN);

    private final Path path;
    private final long dataStart;
    private final Map<String, SafetensorsTensor> tensors;

    private SafetensorsFile(Path path, long dataStart, Map<String, SafetensorsTensor> tensors) {
        this.path = path;
        this.dataStart = dataStart;
        this.tensors = tensors;
    }

    /**
     * Reads and checks the header.
     *
     * @throws CheckpointException naming the file (and the tensor) when it cannot be read, is not safetensors,
     *                             or is shorter than its header says
     */
    public static SafetensorsFile open(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer lengthBytes = readFully(channel, 0, 8, path);
            long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength <= 0 || headerLength > MAX_HEADER || headerLength > size - 8) {
                throw new CheckpointException(path + ": header length " + headerLength + " does not fit a file of "
                        + size + " bytes: not a safetensors file, or truncated");
            }
            ByteBuffer header = readFully(channel, 8, (int) headerLength, path);
            JsonNode root = JSON.readTree(header.array());
            long dataStart = 8 + headerLength;
            return new SafetensorsFile(path, dataStart, entries(root, path, size - dataStart));
        } catch (IOException e) {
            throw new CheckpointException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Map<String, SafetensorsTensor> entries(JsonNode root, Path path, long dataBytes) {
        if (root == null || !root.isObject()) {
            throw new CheckpointException(path + ": the header is not a JSON object");
        }
        Map<String, SafetensorsTensor> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("__metadata__")) {
                out.put(e.getKey(), entry(e.getKey(), e.getValue(), path, dataBytes));
            }
        }
        return out;
    }

    private static SafetensorsTensor entry(String name, JsonNode node, Path path, long dataBytes) {
        String dtype = node.path("dtype").asText("");
        JsonNode offsets = node.path("data_offsets");
        JsonNode dims = node.path("shape");
        if (!TYPES.containsKey(dtype) || !dims.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new CheckpointException(path + ": tensor " + name + " has a header entry this reader does not "
                    + "understand: " + node);
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).asLong(-1);
        }
        Shape s = new Shape(shape);
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        long expected = s.size() * TYPES.get(dtype).getNumOfBytes();
        if (begin < 0 || end - begin != expected) {
            throw new CheckpointException(path + ": tensor " + name + " (" + dtype + " " + s + ") should take "
                    + expected + " bytes, its offsets [" + begin + ", " + end + ") give " + (end - begin));
        }
        if (end > dataBytes) {
            throw new CheckpointException(path + ": tensor " + name + " ends at byte " + end
                    + " of the data section, but the file holds only " + dataBytes + " data bytes: truncated "
                    + "(an interrupted download or copy?)");
        }
        return new SafetensorsTensor(name, dtype, s, begin, end);
    }

    /** @return the file */
    public Path path() {
        return path;
    }

    /** @return the tensors by name, in the header's order */
    public Map<String, SafetensorsTensor> tensors() {
        return tensors;
    }

    /** @return the DJL type of a stored type name, or null for one this reader does not know */
    public static DataType dataType(String dtype) {
        return TYPES.get(dtype);
    }

    /** @return a channel to read this file's tensors with {@link #read} */
    public FileChannel openChannel() throws IOException {
        return FileChannel.open(path, StandardOpenOption.READ);
    }

    /**
     * Reads one tensor into an array of its own (the staging buffer can be reused at once).
     *
     * @param channel from {@link #openChannel}
     * @param tensor  one of {@link #tensors}
     * @param manager where to create the array (its device)
     * @param target  the type to convert to
     * @param staging a direct buffer of at least the tensor's bytes (see {@link #stagingBuffer})
     * @return the tensor as {@code target}, owned by PyTorch
     */
    public NDArray read(FileChannel channel, SafetensorsTensor tensor, NDManager manager, DataType target,
                        ByteBuffer staging) throws IOException {
        staging.clear().limit(Math.toIntExact(tensor.bytes()));
        long position = dataStart + tensor.begin();
        while (staging.hasRemaining()) {
            if (channel.read(staging, position + staging.position()) < 0) {
                throw new CheckpointException(path + ": ended while reading tensor " + tensor.name());
            }
        }
        staging.flip();
        DataType stored = dataType(tensor.dtype());
        if (stored == DataType.BFLOAT16) {
            widenBf16(staging);
            stored = DataType.FLOAT32;
        }
        // PyTorch wraps a direct buffer without copying (on the CPU); the copy makes the tensor PyTorch's own,
        // so the buffer can take the next tensor, and no tensor counts against Java's direct-memory limit.
        // (toType to the same type may return an alias of the buffer, so that case clones.)
        try (NDArray wrapped = manager.create(staging, tensor.shape(), stored)) {
            return stored == target ? wrapped.duplicate() : wrapped.toType(target, false);
        }
    }

    /**
     * @return the staging bytes a tensor needs: its size, twice that for BF16 (widened to float32 in the buffer,
     *         see {@link #read})
     */
    public static long stagingBytes(SafetensorsTensor tensor) {
        return "BF16".equals(tensor.dtype()) ? 2 * tensor.bytes() : tensor.bytes();
    }

    /**
     * BF16 values widened to float32 in place (the high 16 bits of a float32 are its bfloat16), from the last
     * value to the first so that no value is overwritten before it is read. Done here because DJL 0.35.1's PyTorch
     * engine aborts the whole JVM ("terminate called without an active exception") when it creates a bfloat16
     * tensor from a buffer, or converts one to bfloat16, on the CPU (measured on 2026-12-05).
     */
    private static void widenBf16(ByteBuffer staging) {
        int n = staging.remaining() / 2;
        if (staging.capacity() < 4L * n) {
            throw new IllegalArgumentException("the staging buffer holds " + staging.capacity() + " bytes; a BF16 "
                    + "tensor of " + n + " values needs " + 4L * n + " (see stagingBytes)");
        }
        ByteBuffer raw = staging.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer wide = staging.duplicate().clear().order(ByteOrder.nativeOrder());
        for (int i = n - 1; i >= 0; i--) {
            int bits = (raw.getShort(2 * i) & 0xffff) << 16;
            wide.putInt(4 * i, bits);
        }
        staging.limit(4 * n);
    }

    /** @return a direct buffer for tensors of up to {@code bytes} */
    public static ByteBuffer stagingBuffer(long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new CheckpointException("a tensor of " + bytes + " bytes is larger than this reader can stage "
                    + "(2 GiB)");
        }
        return ByteBuffer.allocateDirect((int) Math.max(bytes, 1)).order(ByteOrder.nativeOrder());
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length, Path path)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new CheckpointException(path + ": ends after " + (position + buffer.position()) + " bytes, "
                        + "inside the safetensors header: truncated or not safetensors");
            }
        }
        return buffer.flip();
    }
}
