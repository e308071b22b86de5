package org.omnisila.engine.llm.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.omnisila.engine.icm.Scalars;
import org.omnisila.engine.llm.DifferentiableCast;
import org.omnisila.engine.llm.Projection;

/**
 * One LoRA pair on a {@link Projection} W [out, in], as PEFT's {@code lora.Linear} (peft/tuners/lora/layer.py) holds
 * it: {@code lora_A} A [r, in] and {@code lora_B} B [out, r], each a {@link Projection} without bias, so that their
 * parameters are named {@code <module>.lora_A.weight} and {@code <module>.lora_B.weight}, PEFT's saved keys after
 * {@code base_model.model.}.
 *
 * <ul>
 *   <li>input: x [..., in] (the projection's)
 *   <li>output added to x W^T: scaling * dropout(x) A^T B^T [..., out]; dropout with p = {@code lora_dropout} in
 *       training only; nothing once merged
 * </ul>
 */
public final class LoraPair implements Projection.Adapter {
    private final Projection base;
    private final Projection loraA;
    private final Projection loraB;
    private final double scaling;
    private final float dropout;
    private boolean merged;

    LoraPair(Projection base, int r, double scaling, double dropout) {
        this.base = base;
        this.loraA = new Projection(base.in(), r);
        this.loraB = new Projection(r, base.out());
        this.scaling = scaling;
        this.dropout = (float) dropout;
    }

    void attachToBase() {
        base.attach(this);
    }

    @Override
    public Map<String, Block> blocks() {
        Map<String, Block> out = new LinkedHashMap<>();
        out.put("lora_A", loraA);
        out.put("lora_B", loraB);
        return out;
    }

    /**
     * As PEFT's {@code lora.Linear.forward}: x is cast to the pair's type (float32 pairs on a float16 or bfloat16
     * base in mixed-precision training), and the result back to x's.
     *
     * @return scaling * B(A(dropout(x))) [..., out] of x's type, or null when merged into W
     */
    @Override
    public NDArray delta(ParameterStore ps, NDArray x, boolean training) {
        if (merged) {
            return null;
        }
        DataType pairType = a().getArray().getDataType();
        NDArray cast = DifferentiableCast.to(x, pairType); // [..., in]
        NDArray in = training && dropout > 0 ? Dropout.dropout(cast, dropout, true).head() : cast; // [..., in]
        NDArray low = loraA.apply(ps, in, training); // [..., r]
        NDArray delta = Scalars.mul(loraB.apply(ps, low, training), scaling); // [..., out]
        return DifferentiableCast.to(delta, x.getDataType());
    }

    /** @return A [r, in] */
    public Parameter a() {
        return loraA.weight();
    }

    /** @return B [out, r] */
    public Parameter b() {
        return loraB.weight();
    }

    /** @return alpha / r (or alpha / sqrt(r)) */
    public double scaling() {
        return scaling;
    }

    /** @return whether scaling * B A has been added to W */
    public boolean merged() {
        return merged;
    }

    /** W += scaling * B A, as PEFT's {@code merge}; the pair then adds nothing. No-op when merged. */
    void merge() {
        if (!merged) {
            shiftWeight(1);
            merged = true;
        }
    }

    /** W -= scaling * B A, as PEFT's {@code unmerge} (W comes back up to rounding). No-op when not merged. */
    void unmerge() {
        if (merged) {
            shiftWeight(-1);
            merged = false;
        }
    }

    private void shiftWeight(int sign) {
        NDArray w = base.weight().getArray(); // [out, in]
        DataType type = w.getDataType();
        try (NDArray ba = b().getArray().toType(DataType.FLOAT32, false)
                .matMul(a().getArray().toType(DataType.FLOAT32, false)).mul(sign * scaling)) { // [out, in]
            try (NDArray shifted = w.toType(DataType.FLOAT32, false).add(ba).toType(type, false)) {
                w.set(shifted.toByteBuffer());
            }
        }
    }
}
