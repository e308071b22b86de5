package org.omnisila.engine.llm;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How {@link LlamaGenerator} continues a prompt.
 *
 * @param maxNewTokens the most tokens to add to each prompt
 * @param temperature  0 for greedy decoding (the most likely token each step); above 0 the logits are divided by
 *                     it before sampling
 * @param topP         nucleus sampling: sample among the most likely tokens whose probabilities first reach topP
 *                     in sum (1 = all tokens); ignored when greedy
 * @param seed         the sampler's seed: the same seed, prompt and model give the same tokens
 * @param stopTokenIds a sequence ends when it produces one of these (e.g. the tokenizer's {@code </s>}); the
 *                     stop token is not part of the returned tokens
 * @param padTokenId   the token fed for left padding and for sequences that have already stopped (it is masked out
 *                     where it pads, and never seen by a sequence still running)
 * @param useCache     keep keys and values between steps (the normal case); false recomputes the whole sequence
 *                     every step, which gives the same tokens and serves as the cache's test
 * @param stopCondition tested on each sequence's new tokens after every step (e.g. stop strings,
 *                      {@link org.omnisila.engine.llm.text.TextStopCondition}); null for none
 */
public record GenerationSettings(int maxNewTokens, double temperature, double topP, long seed,
                                 Set<Long> stopTokenIds, long padTokenId, boolean useCache,
                                 StopCondition stopCondition) {

    /** Without a stop condition (the constructor before stop conditions existed). */
    public GenerationSettings(int maxNewTokens, double temperature, double topP, long seed, Set<Long> stopTokenIds,
                              long padTokenId, boolean useCache) {
        this(maxNewTokens, temperature, topP, seed, stopTokenIds, padTokenId, useCache, null);
    }

    /** @throws IllegalArgumentException naming the value that is out of range */
    public GenerationSettings {
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("maxNewTokens must be > 0, got " + maxNewTokens);
        }
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0 (0 = greedy), got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        }
        stopTokenIds = Set.copyOf(stopTokenIds);
    }

    /** @return greedy decoding of at most {@code maxNewTokens}, no stop tokens, pad id 0, with the cache */
    public static GenerationSettings greedy(int maxNewTokens) {
        return new GenerationSettings(maxNewTokens, 0, 1, 0, Set.of(), 0, true);
    }

    /** @return these settings sampling at {@code temperature} among the top-p tokens, seeded */
    public GenerationSettings withSampling(double temperature, double topP, long seed) {
        return new GenerationSettings(maxNewTokens, temperature, topP, seed, stopTokenIds, padTokenId,
                useCache, stopCondition);
    }

    /** @return these settings ending a sequence at any of {@code ids} */
    public GenerationSettings withStopTokens(long... ids) {
        return new GenerationSettings(maxNewTokens, temperature, topP, seed,
                Arrays.stream(ids).boxed().collect(Collectors.toSet()), padTokenId,
                useCache, stopCondition);
    }

    /** @return these settings padding with {@code id} */
    public GenerationSettings withPadToken(long id) {
        return new GenerationSettings(maxNewTokens, temperature, topP, seed, stopTokenIds, id,
                useCache, stopCondition);
    }

    /** @return these settings recomputing every step without a cache */
    public GenerationSettings withoutCache() {
        return new GenerationSettings(maxNewTokens, temperature, topP, seed, stopTokenIds, padTokenId, false,
                stopCondition);
    }

    /** @return these settings testing {@code condition} on every sequence after every step */
    public GenerationSettings withStopCondition(StopCondition condition) {
        return new GenerationSettings(maxNewTokens, temperature, topP, seed, stopTokenIds, padTokenId, useCache,
                condition);
    }

    /** @return true when every step takes the most likely token */
    public boolean greedyDecoding() {
        return temperature == 0;
    }
}
