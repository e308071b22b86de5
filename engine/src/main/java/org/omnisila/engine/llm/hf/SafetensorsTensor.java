package org.omnisila.engine.llm.hf;

import ai.djl.ndarray.types.Shape;

/**
 * One tensor's entry in a safetensors header.
 *
 * @param name  its key
 * @param dtype the stored type as the format spells it (F32, F16, BF16, I64, ...)
 * @param shape its shape
 * @param begin the first byte in the data section (after the header)
 * @param end   one past the last byte in the data section
 */
public record SafetensorsTensor(String name, String dtype, Shape shape, long begin, long end) {

    /** @return the bytes it takes */
    public long bytes() {
        return end - begin;
    }
}
