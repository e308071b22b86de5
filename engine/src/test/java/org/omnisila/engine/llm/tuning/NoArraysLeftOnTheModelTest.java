package org.omnisila.engine.llm.tuning;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.llm.GenerationSettings;
import org.omnisila.engine.llm.LlamaForCausalLM;
import org.omnisila.engine.llm.LlamaGenerator;
import org.omnisila.engine.llm.LlamaConfig;
import org.omnisila.engine.llm.ManagerLeaks;
import org.omnisila.engine.llm.RandomLlama;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedVideoLlava;
import org.omnisila.engine.llm.hf.VideoLlavaLoader;
import org.omnisila.engine.llm.text.LlmTokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A forward pass, a generation and a training step leave nothing on the model's managers: every intermediate array
 * belongs to the pass's own sub-manager and is freed with it. (A DJL operation's result belongs to the manager of
 * the array it is called on, so {@code weight.mul(x)} would put it on the model's manager for the model's life.)
 */
class NoArraysLeftOnTheModelTest {
    static Path export;

    @BeforeAll
    static void writeExport() throws Exception {
        export = TinyExport.shared();
    }

    @Test
    void decoderForwardAndGenerationLeaveNothing() {
        LlamaConfig config = new LlamaConfig(32, 64, 2, 4, 2, 1e-5, 10000, 101, 128, true);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            LlamaForCausalLM model = RandomLlama.create(config, m, 3, 0.02f);
            int before = ManagerLeaks.count(m);
            try (NDManager scope = m.newSubManager()) {
                model.logits(new ParameterStore(scope, false), scope.create(new long[] {1, 5, 9}).reshape(1, 3), null,
                        null, false, false);
            }
            assertEquals(before, ManagerLeaks.count(m), () -> "a forward pass left arrays on the model's manager: "
                    + ManagerLeaks.describe(m));
            new LlamaGenerator(model, m).generate(List.of(new long[] {1, 5, 9}), GenerationSettings.greedy(4));
            assertEquals(before, ManagerLeaks.count(m), "a generation left arrays on the model's manager");
        }
    }

    @Test
    void trainingStepsLeaveNothingOnTheBase() {
        for (boolean checkpointing : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager("PyTorch");
                 LoadedVideoLlava b = VideoLlavaLoader.load(TinyExport.model(), null, m,
                         LlamaLoader.Settings.cpuDefaults());
                 LlmTokenizer tok = LlmTokenizer.open(TinyExport.model());
                 FullIcmTrainer t = new FullIcmTrainer(b, tok, TinyExport.TEMPLATE,
                         FullIcmTrainerTest.stage2(1).withCheckpointing(checkpointing), TinyExport.scenes(),
                         FullIcmTrainerTest.icm(), null)) {
                List<TuningExample> train = t.prepare(InstructionDataset.read(export,
                        InstructionDataset.Stage.OMNISILA_TUNING, "train").entries(), () -> false);
                t.gradients(train); // the first builds the IEC dictionary and gradient buffers
                NDManager sceneBlock = t.trainable().get("icm.sbm.router.gate.weight").getArray().getManager();
                List<NDManager> managers = List.of(b.decoder().manager(), b.tower().manager(),
                        b.projector().manager(), sceneBlock);
                List<Integer> before = managers.stream().map(ManagerLeaks::count).toList();
                t.gradients(train);
                t.gradients(train);
                assertEquals(before, managers.stream().map(ManagerLeaks::count).toList(), "decoder, tower, "
                        + "projector, scene block after backward passes, checkpointing " + checkpointing);
                // a whole step: the norm, the clip and AdamW, whose m and v stay beside the weights from the first
                t.train(train, List.of(), TuningListener.SILENT, () -> false);
                List<Integer> afterOneStep = managers.stream().map(ManagerLeaks::count).toList();
                t.train(train, List.of(), TuningListener.SILENT, () -> false);
                assertEquals(afterOneStep, managers.stream().map(ManagerLeaks::count).toList(), "decoder, tower, "
                        + "projector, scene block after a training step, checkpointing " + checkpointing);
            }
        }
    }
}
