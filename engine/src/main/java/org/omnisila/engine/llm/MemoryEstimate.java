package org.omnisila.engine.llm;

import java.util.Locale;

/**
 * The memory a decoder needs, from its config alone (a pure function, nothing is allocated):
 * parameters x bytes per value + the KV cache, 2 (keys and values) x L x K x D x bytes x context x batch.
 *
 * <p>Parameters: V x d (embedding) + L x (d x H*D + 2 x d x K*D + H*D x d (attention) + 3 x d x F (MLP) + 2d
 * (norms)) + d (final norm) + V x d (the head, unless tied). For Vicuna-7B that is 6.74 billion values, 13.5 GB
 * in fp16; its cache (K = 32, D = 128) takes 0.5 MiB per token in fp16.
 *
 * <p>Not counted: activations of the step being computed (for one sequence a few MB per token of prefill, the
 * logits V x 4 bytes per position kept), the CUDA context (~0.3-0.5 GB) and the allocator's slack; hence the
 * margin {@link MemoryBudget} keeps.
 *
 * @param config        the sizes
 * @param precision     of the parameters and the cache
 * @param contextLength the positions the cache holds (prompt + new tokens)
 * @param batch         sequences decoded together
 * @param parameters    the number of parameter values
 * @param weightBytes   parameters x bytes per value
 * @param kvCacheBytes  the cache for {@code contextLength} positions of {@code batch} sequences
 */
public record MemoryEstimate(LlamaConfig config, Precision precision, int contextLength, int batch,
                             long parameters, long weightBytes, long kvCacheBytes) {

    /**
     * @param config        the sizes
     * @param precision     of parameters and cache
     * @param contextLength positions the cache holds, > 0
     * @param batch         sequences, > 0
     * @return the estimate
     */
    public static MemoryEstimate of(LlamaConfig config, Precision precision, int contextLength, int batch) {
        if (contextLength <= 0 || batch <= 0) {
            throw new IllegalArgumentException("context length and batch must be > 0, got " + contextLength + ", "
                    + batch);
        }
        long params = parameters(config);
        long kv = kvCacheBytesPerToken(config, precision) * contextLength * batch;
        return new MemoryEstimate(config, precision, contextLength, batch, params, params * precision.bytes(), kv);
    }

    /** @return the number of parameter values of the decoder with its head */
    public static long parameters(LlamaConfig c) {
        long d = c.hiddenSize();
        long attention = d * c.numAttentionHeads() * c.headDim() * 2 + 2 * d * c.kvWidth(); // q, o; k, v
        long mlp = 3 * d * c.intermediateSize();
        long layer = attention + mlp + 2 * d;
        long embedding = (long) c.vocabSize() * d;
        return embedding + c.numHiddenLayers() * layer + d + (c.tieWordEmbeddings() ? 0 : embedding);
    }

    /** @return 2 x L x K x D x bytes: the cache's bytes per position of one sequence */
    public static long kvCacheBytesPerToken(LlamaConfig c, Precision precision) {
        return 2L * c.numHiddenLayers() * c.kvWidth() * precision.bytes();
    }

    /**
     * @param extraParameters parameters outside the decoder held in the same precision (Video-LLaVA's tower and
     *                        projector, the ICM's scene block)
     * @return this estimate with them added to parameters and weights
     */
    public MemoryEstimate plusParameters(long extraParameters) {
        return new MemoryEstimate(config, precision, contextLength, batch, parameters + extraParameters,
                weightBytes + extraParameters * precision.bytes(), kvCacheBytes);
    }

    /** @return weights + cache */
    public long totalBytes() {
        return weightBytes + kvCacheBytes;
    }

    /** @return e.g. "14.0 GiB: 6.74 B parameters in fp16 = 12.6 GiB + KV cache 1.00 GiB (2048 tokens x 1)" */
    public String describe() {
        return String.format(Locale.ROOT, "%s: %.2f B parameters in %s = %s + KV cache %s (%d tokens x %d)",
                gib(totalBytes()), parameters / 1e9, precision, gib(weightBytes), gib(kvCacheBytes), contextLength,
                batch);
    }

    /** @return bytes in GiB with two decimals */
    public static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
