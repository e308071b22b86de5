package org.omnisila.engine.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;
import org.omnisila.engine.icm.DeviceChoice;
import org.omnisila.engine.llm.LayerCheckpointing;
import org.omnisila.engine.llm.LlamaConfig;
import org.omnisila.engine.llm.LlamaForCausalLM;
import org.omnisila.engine.llm.MemoryEstimate;
import org.omnisila.engine.llm.Precision;
import org.omnisila.engine.llm.RandomLlama;
import org.omnisila.engine.llm.lora.Lora;
import org.omnisila.engine.llm.lora.LoraConfig;
import org.omnisila.engine.llm.tuning.MaskedLmLoss;
import org.omnisila.engine.llm.tuning.TuningEstimate;

/**
 * One LoRA training step of the decoder (forward, loss, backward; no optimizer) on random weights, four ways: fp32
 * or fp16 base (LoRA pairs fp32, r 16 on q/k/v/o), with and without gradient checkpointing. Per way: milliseconds
 * per step and, on Linux, the step's peak memory above what was resident before it (the process's peak resident
 * set, {@code VmHWM}, reset through {@code /proc/self/clear_refs} before each step), beside
 * {@link TuningEstimate}'s activation bytes for the same sizes: the check of that estimate.
 */
public final class TuningBenchmark {
    /** The reference fixture's sizes are too small to show memory; {@link LlmBenchmark#MID} is used. */
    public static final LlamaConfig CONFIG = LlmBenchmark.MID;

    private TuningBenchmark() {
    }

    /**
     * @param device   where to run (fp16 runs on the CPU too; bf16 cannot)
     * @param sequence tokens per example
     * @param runs     timed steps per way (after one warm-up)
     * @return the table
     */
    public static BenchTable run(Device device, int sequence, int runs) {
        String threads = System.getenv().getOrDefault("OMP_NUM_THREADS", "unset");
        BenchTable table = new BenchTable(String.format(Locale.ROOT, "LoRA training step (forward + backward, no "
                        + "update) of L%d d%d (%.1f M), random weights, batch 1, %d tokens, LoRA r 16 on q/k/v/o, on %s "
                        + "(%d cores, OMP_NUM_THREADS=%s)", CONFIG.numHiddenLayers(), CONFIG.hiddenSize(),
                MemoryEstimate.parameters(CONFIG) / 1e6, sequence, DeviceChoice.describe(device),
                Runtime.getRuntime().availableProcessors(), threads));
        for (Precision precision : List.of(Precision.FP32, Precision.FP16)) {
            for (boolean checkpointing : List.of(false, true)) {
                measure(table, device, precision, checkpointing, sequence, runs);
            }
        }
        return table;
    }

    private static void measure(BenchTable table, Device device, Precision precision, boolean checkpointing,
                                int sequence, int runs) {
        String name = precision + (checkpointing ? ", checkpointed" : ", plain");
        long[] ids = LongStream.range(0, sequence).map(i -> 1 + (i * 7919) % (CONFIG.vocabSize() - 1)).toArray();
        try (NDManager manager = NDManager.newBaseManager(device, "PyTorch")) {
            LlamaForCausalLM model = RandomLlama.create(CONFIG, manager, 17, 0.02f, precision.dataType());
            Lora.attach(model, LoraConfig.of(16, 64, 0, LoraConfig.ATTENTION), manager, DataType.FLOAT32);
            Map<String, Parameter> trainable = Lora.freezeBase(model);
            long trainableCount = trainable.values().stream().mapToLong(p -> p.getArray().size()).sum();
            Runnable step = () -> step(manager, model, ids, checkpointing, trainable);
            step.run(); // warm-up
            long[] peaks = new long[runs];
            double[] millis = new double[runs];
            for (int r = 0; r < runs; r++) {
                long before = PeakMemory.reset();
                long start = System.nanoTime();
                step.run();
                millis[r] = (System.nanoTime() - start) / 1e6;
                peaks[r] = before < 0 ? -1 : PeakMemory.peak() - before;
            }
            table.add(name, millis);
            TuningEstimate estimate = TuningEstimate.of(CONFIG, 0, trainableCount, precision.bytes(), sequence, 1, 1,
                    checkpointing);
            table.note(String.format(Locale.ROOT, "%s: peak memory of a step %s (estimated activations %s)", name,
                    peaks[0] < 0 ? "n/a (no /proc)" : MemoryEstimate.gib(median(peaks)),
                    MemoryEstimate.gib(estimate.activationBytes())));
        }
    }

    private static void step(NDManager manager, LlamaForCausalLM model, long[] ids, boolean checkpointing,
                             Map<String, Parameter> trainable) {
        try (NDManager scope = manager.newSubManager();
             GradientCollector collector = manager.getEngine().newGradientCollector()) {
            ParameterStore ps = new ParameterStore(scope, false);
            NDArray tokens = scope.create(ids).reshape(1, ids.length);
            if (checkpointing) {
                LayerCheckpointing.backward(ps, model, model.embed(ps, tokens, true), null,
                        logits -> MaskedLmLoss.loss(logits, tokens), null, 1, collector, l -> l);
            } else {
                collector.backward(MaskedLmLoss.loss(model.logits(ps, tokens, null, null, false, true), tokens));
            }
        }
        for (Parameter p : trainable.values()) {
            try (NDArray g = p.getArray().getGradient()) { // the handle only; the buffer stays with the parameter
                g.subi(g);
            }
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The process's peak resident set on Linux ({@code VmHWM}), resettable; -1 elsewhere. */
    static final class PeakMemory {
        private static final Path STATUS = Path.of("/proc/self/status");
        private static final Path CLEAR = Path.of("/proc/self/clear_refs");

        private PeakMemory() {
        }

        /** Resets the peak to the current resident set; @return that resident set in bytes, or -1 */
        static long reset() {
            try {
                Files.writeString(CLEAR, "5");
                return read("VmRSS:");
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /** @return the peak resident set since the last reset, bytes, or -1 */
        static long peak() {
            try {
                return read("VmHWM:");
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        private static long read(String key) throws IOException {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
            return -1;
        }
    }
}
