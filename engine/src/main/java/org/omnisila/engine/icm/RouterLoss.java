package org.omnisila.engine.icm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The router loss with balancing constraints L_rb, equation (2) of the paper:
 * L_rb = -alpha sum_j P_j log P_j + beta L sum_j G_j H_j.
 *
 * <p>Named dimensions: B = batch, L = number of scene experts. Input: P [B, L] from {@link
 * SceneRouter}. Output: a scalar.
 *
 * <ul>
 *   <li>Entropy term: -sum_j P_j log P_j per sample, averaged over the batch, times +alpha. The
 *       paper says it minimises the entropy of P (to keep R from giving every scene the same
 *       weight), and -alpha sum P log P = +alpha entropy, so minimising L_rb does that.
 *   <li>Balance term: the paper leaves G_j (the "expert-size term") undefined in any computable
 *       way. We take the Switch Transformer load-balancing loss (Fedus et al. 2022): G_j = the
 *       fraction of samples whose argmax route is expert j, H_j = the mean gate probability of
 *       expert j over the batch; L sum_j G_j H_j is 1 when routing is balanced and grows to L when
 *       it collapses onto one expert. G_j comes from an argmax and carries no gradient; the gradient
 *       flows through H_j, as in Switch Transformers. Ties go to the lowest index (argmax order).
 * </ul>
 *
 * <p>docs/model.md gives the reasons at more length.
 */
public final class RouterLoss {

    /** The paper's alpha, the weight of the entropy term. */
    public static final float DEFAULT_ALPHA = 1e-4f;

    /** The paper's beta, the weight of the balance term. */
    public static final float DEFAULT_BETA = 1e-2f;

    /** Floor under P inside the logarithm, so that P_j = 0 gives 0 log 0 = 0 rather than NaN. */
    private static final float LOG_FLOOR = 1e-12f;

    private RouterLoss() {}

    /**
     * L_rb with the paper's alpha = 1e-4 and beta = 1e-2.
     *
     * @param p the gate probabilities P [B, L]
     * @return the loss, a scalar
     */
    public static NDArray compute(NDArray p) {
        return compute(p, DEFAULT_ALPHA, DEFAULT_BETA);
    }

    /**
     * L_rb = alpha * mean_b entropy(P_b) + beta * L * sum_j G_j H_j, equation (2).
     *
     * @param p the gate probabilities P [B, L], rows summing to 1
     * @param alpha the weight of the entropy term, &gt;= 0
     * @param beta the weight of the balance term, &gt;= 0
     * @return the loss, a scalar
     */
    public static NDArray compute(NDArray p, float alpha, float beta) {
        if (p.getShape().dimension() != 2 || p.getShape().get(1) < 1) {
            throw new IllegalArgumentException("router loss expects P [B, L], got " + p.getShape());
        }
        if (!(alpha >= 0f && beta >= 0f)) {
            throw new IllegalArgumentException(
                    "alpha and beta must be >= 0, got alpha " + alpha + " and beta " + beta);
        }
        long experts = p.getShape().get(1);
        NDArray entropy = entropy(p).mean(); // scalar, mean_b of -sum_j P_j log P_j
        NDArray balance = Scalars.mul(dispatchFraction(p).mul(p.mean(new int[] {0})).sum(), experts); // scalar, L sum_j G_j H_j
        return Scalars.mul(entropy, alpha).add(Scalars.mul(balance, beta));
    }

    /**
     * The entropy of each row of P.
     *
     * @param p P [B, L]
     * @return [B], -sum_j P_j log P_j
     */
    public static NDArray entropy(NDArray p) {
        return p.mul(Scalars.atLeast(p, LOG_FLOOR).log()).sum(new int[] {1}).neg(); // [B]
    }

    /**
     * G: the fraction of the batch whose argmax route is each expert; constant (no gradient).
     *
     * @param p P [B, L]
     * @return G [L], summing to 1
     */
    public static NDArray dispatchFraction(NDArray p) {
        int experts = Math.toIntExact(p.getShape().get(1));
        NDArray chosen = p.stopGradient().argMax(1).oneHot(experts).toType(DataType.FLOAT32, false); // [B, L]
        return chosen.mean(new int[] {0}); // [L]
    }
}
