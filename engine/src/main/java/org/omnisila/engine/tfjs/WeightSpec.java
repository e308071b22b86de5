package org.omnisila.engine.tfjs;

import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a TF.js {@code weightsManifest}: a constant tensor stored in the weight shards.
 *
 * @param name the {@code Const} node it feeds
 * @param shape its dimensions
 * @param dtype {@code float32}, {@code int32} or {@code bool}
 * @param quantization how it is stored when not as {@code dtype} itself, or null
 */
public record WeightSpec(String name, long[] shape, String dtype, Quantization quantization) {

    /**
     * A quantised weight: {@code uint8} / {@code uint16} values v stand for {@code v * scale + min};
     * {@code float16} values are IEEE half floats.
     *
     * @param dtype {@code uint8}, {@code uint16} or {@code float16}
     * @param scale the step of an affine quantisation (NaN for float16)
     * @param min the offset of an affine quantisation (NaN for float16)
     */
    public record Quantization(String dtype, double scale, double min) {
    }

    public WeightSpec {
        shape = shape.clone();
    }

    /** @return the number of elements */
    public long size() {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    /**
     * @return bytes it takes in the shard
     * @throws TfjsModelException for a dtype this executor cannot read
     */
    public long byteLength() {
        return size() * bytesPerElement(quantization != null ? quantization.dtype() : dtype);
    }

    private long bytesPerElement(String storedAs) {
        switch (storedAs) {
            case "float32":
            case "int32":
                return 4;
            case "uint16":
            case "float16":
                return 2;
            case "uint8":
            case "bool":
                return 1;
            default:
                throw new TfjsModelException("Weight " + name + " is stored as " + storedAs
                        + ", which this executor cannot read (float32, int32, bool, and uint8/uint16/float16 "
                        + "quantisation are supported)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightSpec w && w.name.equals(name) && Arrays.equals(w.shape, shape)
                && w.dtype.equals(dtype) && Objects.equals(w.quantization, quantization);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + (quantization == null ? "" : " as " + quantization.dtype());
    }
}
