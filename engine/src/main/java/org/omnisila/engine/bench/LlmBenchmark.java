package org.omnisila.engine.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;
import org.omnisila.engine.icm.DeviceChoice;
import org.omnisila.engine.llm.GenerationSettings;
import org.omnisila.engine.llm.LlamaConfig;
import org.omnisila.engine.llm.LlamaGenerator;
import org.omnisila.engine.llm.MemoryEstimate;
import org.omnisila.engine.llm.RandomLlama;

/**
 * Speed of the LLaMA decoder in float32 with random weights: prefill (the prompt in one forward pass) and
 * decode (one token per step with the KV cache, and without it for comparison) in tokens per second, for the
 * tiny test configuration and a mid-size one. Decode speed is taken as the difference between generating
 * 1 + N tokens and generating 1 (the prefill), divided by N.
 */
public final class LlmBenchmark {
    /** The reference fixture's sizes (engine/src/test/resources/llm/tiny-llama). */
    public static final LlamaConfig TINY = new LlamaConfig(64, 128, 2, 4, 2, 1e-5, 10000, 101, 512, false);
    /** 8 layers of width 512, LLaMA's MLP ratio and vocabulary: 58 M parameters. */
    public static final LlamaConfig MID = new LlamaConfig(512, 1376, 8, 8, 8, 1e-5, 10000, 32000, 2048, false);

    private LlmBenchmark() {
    }

    /**
     * @param prompt    prompt tokens
     * @param newTokens tokens decoded after the first
     * @param runs      timed runs per step (after one warm-up)
     */
    public record Settings(int prompt, int newTokens, int runs) {
        public Settings {
            if (prompt <= 0 || newTokens <= 0 || runs <= 0) {
                throw new IllegalArgumentException("prompt, new tokens and runs must be > 0, got " + prompt + ", "
                        + newTokens + ", " + runs);
            }
        }
    }

    /** @return the table for both configurations with a 128-token prompt and 32 decoded tokens */
    public static BenchTable run(Device device, int runs) {
        return run(device, List.of(TINY, MID), new Settings(128, 32, runs));
    }

    /** @return the table for the given configurations */
    public static BenchTable run(Device device, List<LlamaConfig> configs, Settings settings) {
        String threads = System.getenv().getOrDefault("OMP_NUM_THREADS", "unset");
        BenchTable table = new BenchTable(String.format(Locale.ROOT, "LLaMA decoder, fp32, random weights, batch 1, "
                + "%d-token prompt, %d decoded tokens, on %s (%d cores, OMP_NUM_THREADS=%s)", settings.prompt(),
                settings.newTokens(), DeviceChoice.describe(device), Runtime.getRuntime().availableProcessors(),
                threads));
        for (LlamaConfig config : configs) {
            measure(table, config, device, settings);
        }
        return table;
    }

    private static void measure(BenchTable table, LlamaConfig config, Device device, Settings s) {
        String name = String.format(Locale.ROOT, "L%d d%d (%.1f M)", config.numHiddenLayers(), config.hiddenSize(),
                MemoryEstimate.parameters(config) / 1e6);
        long[] prompt = LongStream.range(0, s.prompt()).map(i -> 1 + (i * 7919) % (config.vocabSize() - 1))
                .toArray();
        GenerationSettings one = GenerationSettings.greedy(1);
        GenerationSettings many = GenerationSettings.greedy(1 + s.newTokens());
        try (NDManager manager = NDManager.newBaseManager(device, "PyTorch")) {
            LlamaGenerator generator = new LlamaGenerator(RandomLlama.create(config, manager, 17, 0.02f), manager);
            double[] prefill = BenchTable.time(s.runs(), () -> generator.generate(List.of(prompt), one));
            double[] cached = BenchTable.time(s.runs(), () -> generator.generate(List.of(prompt), many));
            double[] recomputed = BenchTable.time(s.runs(),
                    () -> generator.generate(List.of(prompt), many.withoutCache()));
            table.add(name + ": prefill " + s.prompt() + " tokens", prefill);
            table.add(name + ": prefill + " + s.newTokens() + " tokens, cache", cached);
            table.add(name + ": prefill + " + s.newTokens() + " tokens, no cache", recomputed);
            double p = BenchTable.median(prefill);
            table.note(String.format(Locale.ROOT, "%s: prefill %.0f tokens/s; decode %.1f tokens/s with the cache, "
                    + "%.1f without", name, s.prompt() / (p / 1000), s.newTokens() / ((BenchTable.median(cached) - p)
                    / 1000), s.newTokens() / ((BenchTable.median(recomputed) - p) / 1000)));
        }
    }
}
