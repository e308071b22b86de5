package org.omnisila.engine.llm.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.llm.LlamaConfig;
import org.omnisila.engine.llm.LlamaForCausalLM;
import org.omnisila.engine.llm.LlmFixtures;
import org.omnisila.engine.llm.hf.HfParameterNames;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedLlama;
import org.omnisila.engine.train.AdamW;

/** What training with LoRA relies on: PEFT's initialisation, gradients on the pairs only, dropout, sizes. */
class LoraTrainingTest {
    /** Vicuna-7B v1.5 (LLaMA-2-7B's sizes), as in LlamaMemoryTest. */
    static final LlamaConfig VICUNA_7B = new LlamaConfig(4096, 11008, 32, 32, 32, 1e-5, 10000, 32000, 4096, false);

    private static long[] tokens() {
        return LlmFixtures.longs(LoraFixtures.expected().get("tokens"));
    }

    @Test
    void newPairsAreInitialisedAsPeftAndChangeNothing() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LoadedLlama llama = LlamaLoader.load(LlmFixtures.tinyLlama(), manager,
                     LlamaLoader.Settings.cpuDefaults())) {
            float[] base = LoraFixtures.logits(llama.model(), manager, tokens(), false);
            manager.getEngine().setRandomSeed(3);
            LoraAttachment a = Lora.attach(llama.model(), LoraConfig.paper(LoraConfig.ATTENTION), manager,
                    DataType.FLOAT32);
            assertEquals(8, a.modules().size());
            for (LoraPair pair : Lora.pairs(llama.model()).values()) {
                float[] values = pair.a().getArray().toFloatArray();
                double bound = 1 / Math.sqrt(pair.a().getShape().get(1)); // kaiming_uniform(a = sqrt 5): 1/sqrt(in)
                double max = 0;
                double sum = 0;
                for (float v : values) {
                    max = Math.max(max, Math.abs(v));
                    sum += v;
                }
                assertTrue(max <= bound, "A within +-1/sqrt(in): " + max + " > " + bound);
                assertTrue(max > 0.95 * bound, "A spread over the whole range, max " + max + " of " + bound);
                assertTrue(Math.abs(sum / values.length) < 0.1 * bound, "A centred, mean " + sum / values.length);
                assertEquals(0f, pair.b().getArray().abs().max().getFloat(), "B starts at zero");
                assertEquals(4.0, pair.scaling()); // alpha 64 / r 16
            }
            assertArrayEquals(base, LoraFixtures.logits(llama.model(), manager, tokens(), false));
            assertThrows(IllegalStateException.class, () -> Lora.attach(llama.model(),
                    LoraConfig.paper(LoraConfig.ATTENTION), manager, DataType.FLOAT32));
        }
    }

    @Test
    void gradientsReachThePairsOnly() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LoadedLlama llama = LlamaLoader.load(LlmFixtures.tinyLlama(), manager,
                     LlamaLoader.Settings.cpuDefaults());
             LoadedAdapter adapter = PeftAdapterLoader.load(LoraFixtures.tinyLora(), llama.model(), manager,
                     DataType.FLOAT32)) {
            LlamaForCausalLM model = llama.model();
            HfParameterNames.of(model).values().forEach(p -> p.freeze(false)); // as if the base were trainable
            Map<String, Parameter> trainable = Lora.freezeBase(model);
            assertEquals(16, trainable.size());
            Map<String, Parameter> all = HfParameterNames.of(model);
            long[] t = tokens();
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray ids = manager.create(t, new Shape(1, t.length));
                NDArray logits = model.forward(new ParameterStore(manager, false), new NDList(ids), true).head();
                collector.backward(logits.square().mean());
            }
            for (Map.Entry<String, Parameter> e : all.entrySet()) {
                NDArray array = e.getValue().getArray();
                if (trainable.containsKey(e.getKey())) {
                    float g = array.getGradient().abs().max().getFloat();
                    assertTrue(g > 0 && Float.isFinite(g), e.getKey() + " gradient " + g);
                } else {
                    assertFalse(array.hasGradient(), e.getKey() + " has a gradient");
                }
            }
        }
    }

    @Test
    void adamWStepsMoveThePairsOnlyAndLowerTheLoss() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LoadedLlama llama = LlamaLoader.load(LlmFixtures.tinyLlama(), manager,
                     LlamaLoader.Settings.cpuDefaults())) {
            LlamaForCausalLM model = llama.model();
            manager.getEngine().setRandomSeed(5);
            Lora.attach(model, LoraConfig.of(4, 16, 0, LoraConfig.ATTENTION), manager, DataType.FLOAT32);
            Map<String, Parameter> trainable = Lora.freezeBase(model);
            Map<String, byte[]> before = new java.util.LinkedHashMap<>();
            HfParameterNames.of(model).forEach((n, p) -> before.put(n, p.getArray().toByteArray()));
            AdamW adam = new AdamW(0, Float.POSITIVE_INFINITY);
            List<String> names = List.copyOf(trainable.keySet());
            List<NDArray> weights = trainable.values().stream().map(Parameter::getArray).toList();
            long[] t = tokens();
            float first = Float.NaN;
            float last = Float.NaN;
            for (int step = 0; step < 5; step++) {
                try (NDManager scope = manager.newSubManager();
                     GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    NDArray ids = scope.create(t, new Shape(1, t.length));
                    NDArray logits = model.forward(new ParameterStore(scope, false), new NDList(ids), true).head();
                    NDArray loss = logits.square().mean();
                    collector.backward(loss);
                    last = loss.getFloat();
                    first = step == 0 ? last : first;
                    List<NDArray> grads = weights.stream().map(NDArray::getGradient).toList();
                    adam.update(names, weights, grads, 1e-2f);
                    grads.forEach(g -> g.subi(g)); // PyTorch accumulates gradients
                }
            }
            System.out.printf("LoRA AdamW: loss %.4f -> %.4f after 5 steps%n", first, last);
            assertTrue(last < first * 0.95, "loss " + first + " -> " + last);
            HfParameterNames.of(model).forEach((n, p) -> {
                boolean same = java.util.Arrays.equals(before.get(n), p.getArray().toByteArray());
                assertEquals(!trainable.containsKey(n), same, n + (same ? " did not move" : " moved"));
            });
        }
    }

    @Test
    void dropoutActsInTrainingOnly() {
        long[] t = tokens();
        float[] truth = LoraFixtures.expectedLogits(LoraFixtures.expected());
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LoadedLlama llama = LlamaLoader.load(LlmFixtures.tinyLlama(), manager,
                     LlamaLoader.Settings.cpuDefaults());
             LoadedAdapter adapter = PeftAdapterLoader.load(LoraFixtures.tinyLora(), llama.model(), manager,
                     DataType.FLOAT32)) {
            assertEquals(0.05, adapter.config().dropout());
            float[] inference = LoraFixtures.logits(llama.model(), manager, t, false);
            assertTrue(LoraFixtures.maxDiff(inference, truth) < 1e-4f); // PyTorch's logits had no dropout
            assertArrayEquals(inference, LoraFixtures.logits(llama.model(), manager, t, false));
            float[] training = LoraFixtures.logits(llama.model(), manager, t, true);
            float moved = LoraFixtures.maxDiff(training, inference);
            assertTrue(moved > 1e-3f, "dropout 0.05 in training moved the logits by only " + moved);
        }
    }

    @Test
    void vicuna7bCountsFromTheConfigAlone() {
        LlamaForCausalLM model = new LlamaForCausalLM(VICUNA_7B); // shapes only: nothing is allocated
        LoraAttachment attention = Lora.plan(model, LoraConfig.paper(LoraConfig.ATTENTION));
        assertEquals(4 * 32, attention.modules().size());
        assertEquals(4L * 2 * 16 * 4096 * 32, attention.parameters());
        assertEquals(16_777_216L, attention.parameters());
        List<String> all = new java.util.ArrayList<>(LoraConfig.ATTENTION);
        all.addAll(LoraConfig.MLP);
        LoraAttachment withMlp = Lora.plan(model, LoraConfig.paper(all));
        assertEquals(16_777_216L + 32L * 16 * 3 * (4096 + 11008), withMlp.parameters());
        assertEquals(39_976_960L, withMlp.parameters()); // 0.59 % of 6,738,415,616
        assertTrue(Lora.pairs(model).isEmpty()); // plan attaches nothing
    }
}
