package org.omnisila.engine.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * The sizes of a LLaMA decoder, as Hugging Face's {@code LlamaConfig} names them (read from a model folder's
 * {@code config.json} by {@link LlamaConfigJson}). Every block of this package takes it as its only argument.
 *
 * @param hiddenSize            d, the width of the residual stream ({@code hidden_size})
 * @param intermediateSize      F, the width of the SwiGLU MLP ({@code intermediate_size})
 * @param numHiddenLayers       L, decoder layers ({@code num_hidden_layers})
 * @param numAttentionHeads     H, query heads ({@code num_attention_heads}); must divide d
 * @param numKeyValueHeads      K, key/value heads ({@code num_key_value_heads}); must divide H. K = H is
 *                              plain multi-head attention (LLaMA-1/2-7B, Vicuna), K &lt; H grouped-query
 *                              attention: each K/V head serves H / K query heads
 * @param rmsNormEps            the epsilon inside RMSNorm's square root ({@code rms_norm_eps})
 * @param ropeTheta             the base of the rotary frequencies ({@code rope_theta})
 * @param vocabSize             V, the vocabulary ({@code vocab_size})
 * @param maxPositionEmbeddings the longest sequence the model was trained for ({@code max_position_embeddings}):
 *                              generation refuses to go beyond it
 * @param tieWordEmbeddings     the output head reuses the token embedding ({@code tie_word_embeddings}); the
 *                              checkpoint then has no {@code lm_head.weight}
 */
public record LlamaConfig(int hiddenSize, int intermediateSize, int numHiddenLayers, int numAttentionHeads,
                          int numKeyValueHeads, double rmsNormEps, double ropeTheta, int vocabSize,
                          int maxPositionEmbeddings, boolean tieWordEmbeddings) {

    /** @throws IllegalArgumentException listing every invalid field with its value */
    public LlamaConfig {
        List<String> problems = problems(hiddenSize, intermediateSize, numHiddenLayers, numAttentionHeads,
                numKeyValueHeads, rmsNormEps, ropeTheta, vocabSize, maxPositionEmbeddings);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid LLaMA config: " + String.join("; ", problems));
        }
    }

    /** @return D = d / H, the width of one attention head */
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }

    /** @return H / K, the query heads that share one key/value head (1 without grouped-query attention) */
    public int kvGroups() {
        return numAttentionHeads / numKeyValueHeads;
    }

    /** @return K x D, the width of the key and value projections' outputs */
    public int kvWidth() {
        return numKeyValueHeads * headDim();
    }

    private static List<String> problems(int hidden, int intermediate, int layers, int heads, int kvHeads,
                                         double eps, double theta, int vocab, int maxPositions) {
        List<String> p = new ArrayList<>();
        positive(p, "hidden_size", hidden);
        positive(p, "intermediate_size", intermediate);
        positive(p, "num_hidden_layers", layers);
        positive(p, "num_attention_heads", heads);
        positive(p, "num_key_value_heads", kvHeads);
        positive(p, "vocab_size", vocab);
        positive(p, "max_position_embeddings", maxPositions);
        if (heads > 0 && hidden % heads != 0) {
            p.add("hidden_size " + hidden + " is not divisible by num_attention_heads " + heads);
        } else if (heads > 0 && hidden / heads % 2 != 0) {
            p.add("head size hidden_size / num_attention_heads = " + hidden / heads
                    + " is odd; rotary embeddings rotate pairs of dimensions");
        }
        if (kvHeads > 0 && heads % kvHeads != 0) {
            p.add("num_attention_heads " + heads + " is not divisible by num_key_value_heads " + kvHeads);
        }
        if (!(eps > 0 && eps < 1)) {
            p.add("rms_norm_eps must be in (0, 1), got " + eps);
        }
        if (!(theta > 1 && Double.isFinite(theta))) {
            p.add("rope_theta must be a finite number > 1, got " + theta);
        }
        return p;
    }

    private static void positive(List<String> problems, String field, int value) {
        if (value <= 0) {
            problems.add(field + " must be > 0, got " + value);
        }
    }
}
