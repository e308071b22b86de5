package org.omnisila.engine.llm;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from one position's logits: the most likely one (greedy), or a draw at a temperature
 * among the nucleus of the most likely tokens (Holtzman et al. 2020). The draw uses its own seeded generator
 * in Java, not the engine's, so that the same seed gives the same tokens on every device.
 *
 * <p>The nucleus is the smallest set of most likely tokens whose probabilities sum to at least topP (always at
 * least one token), as Hugging Face's {@code TopPLogitsWarper} keeps it; the draw is then among those tokens in
 * proportion to their probabilities.
 */
public final class TokenSampler {
    private final double temperature;
    private final double topP;
    private final SplittableRandom random;

    /**
     * @param temperature 0 for greedy, else the divisor of the logits
     * @param topP        the nucleus mass in (0, 1]
     * @param seed        the draw's seed
     */
    public TokenSampler(double temperature, double topP, long seed) {
        this.temperature = temperature;
        this.topP = topP;
        this.random = new SplittableRandom(seed);
    }

    /** @param settings temperature, top-p and seed */
    public TokenSampler(GenerationSettings settings) {
        this(settings.temperature(), settings.topP(), settings.seed());
    }

    /** @return the chosen token id for {@code logits} [V] */
    public long next(float[] logits) {
        return temperature == 0 ? argMax(logits) : sample(logits);
    }

    /** @return the index of the largest value, the first one on a tie (as torch.argmax) */
    static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private int sample(float[] logits) {
        int n = logits.length;
        double max = logits[argMax(logits)];
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp((logits[i] - max) / temperature);
            sum += p[i];
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a])); // most likely first, stable on ties
        double kept = 0;
        int size = 0;
        while (size < n && (size == 0 || kept < topP * sum)) {
            kept += p[order[size++]];
        }
        double u = random.nextDouble() * kept;
        for (int i = 0; i < size - 1; i++) {
            u -= p[order[i]];
            if (u < 0) {
                return order[i];
            }
        }
        return order[size - 1];
    }
}
