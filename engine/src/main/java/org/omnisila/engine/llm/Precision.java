package org.omnisila.engine.llm;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/** The number format the decoder's parameters and cache are held in. */
public enum Precision {
    /** float32: the CPU's format here, and the reference tests' */
    FP32(4, DataType.FLOAT32),
    /** float16: what Vicuna-7B and Video-LLaVA-7B are published in; for CUDA */
    FP16(2, DataType.FLOAT16),
    /** bfloat16: float32's range at half the size; for CUDA GPUs from Ampere on */
    BF16(2, DataType.BFLOAT16);

    private final int bytes;
    private final DataType dataType;

    Precision(int bytes, DataType dataType) {
        this.bytes = bytes;
        this.dataType = dataType;
    }

    /** @return bytes per value */
    public int bytes() {
        return bytes;
    }

    /** @return the DJL type */
    public DataType dataType() {
        return dataType;
    }

    /** @return fp32, fp16 or bf16 */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
