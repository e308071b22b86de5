package org.omnisila.engine.llm.tuning;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.icm.checkpoint.CheckpointException;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedVideoLlava;
import org.omnisila.engine.llm.hf.VideoLlavaLoader;
import org.omnisila.engine.llm.lora.LoraConfig;
import org.omnisila.engine.llm.text.LlmTokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run stopped (or killed) after a checkpoint and resumed from it ends with the adapter, bit for bit, of the run that
 * was never interrupted: trained parameters, AdamW state, dictionary, schedule, shuffle and dropout masks all line up.
 */
class TuningResumeTest {
    @TempDir
    static Path tmp;
    static Path export;

    @BeforeAll
    static void writeExport() throws Exception {
        export = TinyExport.shared();
    }

    /** 2 epochs of 3 single-example steps, LoRA dropout on. */
    static TuningSettings settings(boolean stageTwo) {
        TuningSettings s = stageTwo ? FullIcmTrainerTest.stage2(2) : FullIcmTrainerTest.stage1(2);
        return s.withBatch(1, 1).withLora(LoraConfig.of(4, 16, 0.1, LoraConfig.ATTENTION));
    }

    record Run(Map<String, byte[]> adapter, FullIcmTrainer.Result result, List<Path> saved) {
    }

    static Run run(boolean stageTwo, Path out, Path checkpoints, Path resume, int cancelAfterSteps) throws Exception {
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             LoadedVideoLlava b = VideoLlavaLoader.load(TinyExport.model(), null, m,
                     LlamaLoader.Settings.cpuDefaults());
             LlmTokenizer tok = LlmTokenizer.open(TinyExport.model());
             FullIcmTrainer t = new FullIcmTrainer(b, tok, TinyExport.TEMPLATE, settings(stageTwo),
                     stageTwo ? TinyExport.scenes() : null, stageTwo ? FullIcmTrainerTest.icm() : null, null)) {
            List<TuningExample> train = t.prepare(InstructionDataset.read(export, settings(stageTwo).stage(),
                    "train").entries(), () -> false);
            if (checkpoints != null) {
                t.saveCheckpoints(checkpoints, 2, 5);
            }
            if (resume != null) {
                t.resumeFrom(resume);
            }
            List<Path> saved = new ArrayList<>();
            AtomicInteger steps = new AtomicInteger();
            FullIcmTrainer.Result r = t.train(train, List.of(), new TuningListener() {
                @Override
                public void step(int step, int total, int epoch, double loss, float lr, double rate, double eta) {
                    steps.incrementAndGet();
                }

                @Override
                public void checkpointSaved(int step, Path folder) {
                    saved.add(folder);
                }
            }, () -> cancelAfterSteps > 0 && steps.get() >= cancelAfterSteps);
            Map<String, byte[]> adapter = new LinkedHashMap<>();
            if (!r.cancelled()) {
                t.save(out);
                for (String f : List.of("adapter_model.safetensors", "icm.safetensors")) {
                    if (Files.exists(out.resolve(f))) {
                        adapter.put(f, Files.readAllBytes(out.resolve(f)));
                    }
                }
            }
            return new Run(adapter, r, saved);
        }
    }

    @Test
    void resumingFromAMidEpochCheckpointGivesTheUninterruptedAdapter() throws Exception {
        for (boolean stageTwo : new boolean[] {false, true}) {
            Path dir = tmp.resolve(stageTwo ? "two" : "one");
            Run whole = run(stageTwo, dir.resolve("whole"), dir.resolve("whole-checkpoints"), null, 0);
            assertEquals(6, whole.result().steps());
            assertEquals(List.of("checkpoint-2", "checkpoint-4"), whole.saved().stream()
                    .map(p -> p.getFileName().toString()).toList(), "every 2 steps, not after the last");
            // stopped after 3 steps: checkpoint-2 is kept, nothing else written
            Run stopped = run(stageTwo, dir.resolve("stopped"), dir.resolve("checkpoints"), null, 3);
            assertTrue(stopped.result().cancelled());
            assertEquals(List.of("checkpoint-2"), stopped.saved().stream().map(p -> p.getFileName().toString())
                    .toList());
            assertFalse(Files.exists(dir.resolve("stopped")));
            // a checkpoint is an adapter folder too
            assertTrue(Files.isRegularFile(dir.resolve("checkpoints/checkpoint-2/adapter_model.safetensors")));
            Run resumed = run(stageTwo, dir.resolve("resumed"), dir.resolve("checkpoints"),
                    dir.resolve("checkpoints"), 0); // the folder: its newest checkpoint
            assertEquals(whole.adapter().keySet(), resumed.adapter().keySet());
            whole.adapter().forEach((f, bytes) -> assertArrayEquals(bytes, resumed.adapter().get(f),
                    f + " differs after resuming, stage two " + stageTwo));
            assertEquals(whole.result().stepLosses(), resumed.result().stepLosses());
            assertEquals(whole.result().epochLosses(), resumed.result().epochLosses());
            assertEquals(List.of("checkpoint-4"), resumed.saved().stream().map(p -> p.getFileName().toString())
                    .toList());
        }
    }

    @Test
    void aCheckpointOfOtherSettingsOrNoneIsRefusedWithAMessage() throws Exception {
        Path dir = tmp.resolve("refused");
        run(false, dir.resolve("a"), dir.resolve("checkpoints"), null, 3);
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             LoadedVideoLlava b = VideoLlavaLoader.load(TinyExport.model(), null, m,
                     LlamaLoader.Settings.cpuDefaults());
             LlmTokenizer tok = LlmTokenizer.open(TinyExport.model());
             FullIcmTrainer t = new FullIcmTrainer(b, tok, TinyExport.TEMPLATE, settings(false).withSeed(99), null,
                     null, null)) {
            List<TuningExample> train = t.prepare(InstructionDataset.read(export, settings(false).stage(),
                    "train").entries(), () -> false);
            t.resumeFrom(dir.resolve("checkpoints/checkpoint-2"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> t.train(train, List.of(), TuningListener.SILENT, () -> false));
            assertTrue(e.getMessage().startsWith("the checkpoint was saved by a run with other settings"),
                    e.getMessage());
            CheckpointException none = assertThrows(CheckpointException.class, () -> t.resumeFrom(dir));
            assertTrue(none.getMessage().contains("is neither a tuning checkpoint"), none.getMessage());
            Files.writeString(dir.resolve("checkpoints/checkpoint-2/trainer_state.json"), "{ broken");
            CheckpointException broken = assertThrows(CheckpointException.class,
                    () -> t.resumeFrom(dir.resolve("checkpoints/checkpoint-2")));
            assertTrue(broken.getMessage().contains("trainer_state.json") || broken.getMessage()
                    .contains("tuning checkpoint"), broken.getMessage());
        }
    }
}
