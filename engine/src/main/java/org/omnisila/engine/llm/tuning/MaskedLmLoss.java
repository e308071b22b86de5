package org.omnisila.engine.llm.tuning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import org.omnisila.engine.icm.Scalars;
import org.omnisila.engine.llm.DifferentiableCast;

/**
 * The causal language-model loss of Hugging Face's {@code LlamaForCausalLM.forward} (with labels): the logits at
 * position t predict the label at t + 1, {@code shift_logits = logits[:, :-1]}, {@code shift_labels = labels[:, 1:]},
 * then {@code CrossEntropyLoss()} (ignore_index -100, mean over the positions not ignored). Computed in float32
 * whatever the logits' type (Hugging Face upcasts the logits with {@code .float()}), differentiable.
 *
 * <ul>
 * <li>logits [B, T, V] (any float type), labels [B, T] int64 with {@link ConversationTokens#IGNORE} where not
 *     supervised (padding included)</li>
 * <li>{@link #loss}: a scalar, the mean of -log softmax(logits)[label] over the supervised positions; NaN when there
 *     are none (as PyTorch's mean over nothing)</li>
 * <li>{@link #sum} and {@link #supervised}: the sum and the count apart, for gradient accumulation over micro-batches
 *     (divide the summed sums by the summed counts to get the mean over the whole batch)</li>
 * </ul>
 */
public final class MaskedLmLoss {
    private MaskedLmLoss() {
    }

    /** @return the mean cross-entropy over supervised positions, float32 scalar */
    public static NDArray loss(NDArray logits, NDArray labels) {
        long n = supervised(labels);
        return Scalars.div(sum(logits, labels), n == 0 ? Double.NaN : n);
    }

    /** @return the summed cross-entropy over supervised positions, float32 scalar (0 when there are none) */
    public static NDArray sum(NDArray logits, NDArray labels) {
        check(logits, labels);
        NDArray shiftLogits = DifferentiableCast.to(logits.get(new NDIndex(":, :-1, :")), DataType.FLOAT32);
        NDArray shiftLabels = labels.get(new NDIndex(":, 1:")).toType(DataType.INT64, false);
        NDArray keep = shiftLabels.neq(ConversationTokens.IGNORE);
        NDArray index = shiftLabels.mul(keep.toType(DataType.INT64, false)).expandDims(-1); // ignored -> 0
        NDArray logp = shiftLogits.logSoftmax(-1);
        NDArray picked = logp.gather(index, -1).squeeze(-1); // [B, T-1]
        return picked.mul(keep.toType(DataType.FLOAT32, false)).sum().neg();
    }

    /** @return how many positions of labels[:, 1:] are supervised */
    public static long supervised(NDArray labels) {
        NDArray shifted = labels.get(new NDIndex(":, 1:"));
        return shifted.neq(ConversationTokens.IGNORE).sum().toType(DataType.INT64, false).getLong();
    }

    private static void check(NDArray logits, NDArray labels) {
        if (logits.getShape().dimension() != 3 || labels.getShape().dimension() != 2
                || logits.getShape().get(0) != labels.getShape().get(0)
                || logits.getShape().get(1) != labels.getShape().get(1)) {
            throw new IllegalArgumentException("logits must be [B, T, V] and labels [B, T] but were "
                    + logits.getShape() + " and " + labels.getShape());
        }
        long v = logits.getShape().get(2);
        long[] l = labels.toType(DataType.INT64, false).toLongArray();
        for (int i = 0; i < l.length; i++) {
            if (l[i] != ConversationTokens.IGNORE && (l[i] < 0 || l[i] >= v)) {
                throw new IllegalArgumentException("label " + l[i] + " at flat position " + i + " is neither -100 nor "
                        + "a token id of the vocabulary of " + v);
            }
        }
    }
}
