package org.omnisila.engine.llm;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.util.cuda.CudaUtils;
import java.util.Locale;

/** The number format the decoder's parameters and cache are held in. */
public enum Precision {
    /** float32: the CPU's format here, and the reference tests' */
    FP32(4, DataType.FLOAT32),
    /**
     * float16: what Vicuna-7B and Video-LLaVA-7B are published in; for CUDA. It also runs on the CPU (half the
     * memory of fp32, slower), where the mixed-precision path is tested.
     */
    FP16(2, DataType.FLOAT16),
    /** bfloat16: float32's range at half the size; for CUDA GPUs from Ampere on, never on the CPU */
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

    /**
     * Refuses bf16 on the CPU: DJL's PyTorch engine (0.35.1 / 2.7.1) aborts the whole JVM ("terminate called without
     * an active exception") when it makes a bfloat16 tensor on the CPU, so the refusal must come first.
     *
     * @throws IllegalArgumentException bf16 on a device that is not a GPU
     */
    public void requireUsableOn(Device device) {
        if (this == BF16 && !device.isGpu()) {
            throw new IllegalArgumentException("bf16 is for CUDA: on the CPU the PyTorch engine cannot hold bfloat16 "
                    + "tensors; load in fp32 (or fp16)");
        }
    }

    /**
     * What tuning loads the base in when not told: fp32 on the CPU; on CUDA bf16 where the GPU has it (compute
     * capability 8.0 on, Ampere: Video-LLaVA's scripts train with {@code --bf16 True}), else fp16 with loss scaling.
     */
    public static Precision trainingDefault(Device device) {
        if (!device.isGpu()) {
            return FP32;
        }
        try {
            String capability = CudaUtils.getComputeCapability(device.getDeviceId()); // "86" for 8.6
            return Integer.parseInt(capability.substring(0, capability.length() - 1)) >= 8 ? BF16 : FP16;
        } catch (RuntimeException e) { // no CUDA runtime answer: the safe choice
            return FP16;
        }
    }

    /**
     * @param text fp32, fp16 or bf16 (any case)
     * @throws IllegalArgumentException for anything else
     */
    public static Precision parse(String text) {
        for (Precision p : values()) {
            if (p.toString().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("the precision must be fp32, fp16 or bf16, not " + text);
    }

    /** @return fp32, fp16 or bf16 */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
