package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embeddings (Su et al. 2021, "RoFormer"), in Hugging Face's {@code rotate_half} convention:
 * dimension i of a head is paired with dimension i + D/2 (not with its neighbour 2i+1, as in the paper and in
 * Meta's original code). Checkpoints converted to Hugging Face's layout have their q/k weights permuted to
 * match this, so it is the convention that fits them.
 *
 * <p>Pair i turns by the angle p * theta^(-2i/D) at position p: with f = [freqs, freqs] over D,
 * rotate(x) = x * cos(f) + rotate_half(x) * sin(f), rotate_half([x1, x2]) = [-x2, x1].
 *
 * <p>Not a block: it has no parameters, only the frequencies the config fixes.
 */
public final class RotaryEmbedding {
    private final int headDim;
    private final float[] inverseFrequencies;

    /** @param config D (the head size) and theta */
    public RotaryEmbedding(LlamaConfig config) {
        headDim = config.headDim();
        inverseFrequencies = new float[headDim / 2];
        for (int i = 0; i < inverseFrequencies.length; i++) {
            // float32 steps, as Hugging Face computes them: 1 / theta^(2i / D)
            float exponent = (float) (2 * i) / headDim;
            inverseFrequencies[i] = (float) (1.0 / Math.pow(config.ropeTheta(), exponent));
        }
    }

    /** cos and sin of every position's angles, broadcastable over heads: [B, 1, T, D] each. */
    public record Angles(NDArray cos, NDArray sin) {
    }

    /**
     * @param positions p [B, T], int64 (the token's index in its sequence, padding not counted)
     * @param type      the model's type (the angles are computed in float32, then cast)
     * @return cos and sin [B, 1, T, D]
     */
    public Angles angles(NDArray positions, DataType type) {
        NDArray inverse = positions.getManager().create(inverseFrequencies); // [D/2]
        NDArray freqs = positions.toType(DataType.FLOAT32, false).expandDims(-1).mul(inverse); // [B, T, D/2]
        NDArray f = freqs.concat(freqs, -1).expandDims(1); // [B, 1, T, D]
        return new Angles(f.cos().toType(type, false), f.sin().toType(type, false));
    }

    /**
     * @param x      queries or keys [B, h, T, D]
     * @param angles of the same T positions
     * @return x rotated [B, h, T, D]
     */
    public static NDArray rotate(NDArray x, Angles angles) {
        return x.mul(angles.cos()).add(rotateHalf(x).mul(angles.sin())); // [B, h, T, D]
    }

    /** @return [-x2, x1] for x = [x1, x2] split in halves along the last axis */
    static NDArray rotateHalf(NDArray x) {
        Shape s = x.getShape();
        long half = s.get(s.dimension() - 1) / 2;
        NDArray x1 = x.get("..., :{}", half); // [..., D/2]
        NDArray x2 = x.get("..., {}:", half); // [..., D/2]
        return x2.neg().concat(x1, -1); // [..., D]
    }

    /** @return D, the head size the angles are made for */
    public int headDim() {
        return headDim;
    }
}
