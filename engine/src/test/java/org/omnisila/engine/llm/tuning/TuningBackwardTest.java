package org.omnisila.engine.llm.tuning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.llm.Precision;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedVideoLlava;
import org.omnisila.engine.llm.hf.VideoLlavaLoader;
import org.omnisila.engine.llm.lora.LoraConfig;
import org.omnisila.engine.llm.text.LlmTokenizer;
import org.omnisila.engine.llm.video.IcmAdapter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backward pass in its two memory-saving forms, against the plain float32 one on the tiny Video-LLaVA: gradient
 * checkpointing of the decoder's layers, and mixed precision (a float16 base with float32 LoRA pairs and scene block,
 * on the CPU here; the same code runs on CUDA).
 */
class TuningBackwardTest {
    @TempDir
    static Path tmp;
    static Path export;

    @BeforeAll
    static void writeExport() throws Exception {
        export = TinyExport.shared();
    }

    static List<InstructionDataset.Entry> entries(InstructionDataset.Stage stage) {
        return InstructionDataset.read(export, stage, "train").entries();
    }

    static LoadedVideoLlava base(NDManager m, Precision p) {
        return VideoLlavaLoader.load(TinyExport.model(), null, m, new LlamaLoader.Settings(p, 0, 1, -1));
    }

    /**
     * The gradients of one step over the three training examples. The tensors that start at zero (lora_B, the IEC's
     * output projection) get small seeded values first, so that every trained tensor has a gradient.
     */
    static Map<String, float[]> gradients(Precision p, TuningSettings s) {
        boolean two = s.scenes();
        try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava b = base(m, p);
             LlmTokenizer tok = LlmTokenizer.open(TinyExport.model());
             FullIcmTrainer t = new FullIcmTrainer(b, tok, TinyExport.TEMPLATE, s, two ? TinyExport.scenes() : null,
                     two ? FullIcmTrainerTest.icm() : null, null)) {
            t.trainable().forEach((n, par) -> {
                if (par.getArray().abs().max().getFloat() == 0) { // lora_B, the IEC's output: else nothing upstream moves
                    setSeeded(par, n);
                }
            });
            return t.gradients(t.prepare(entries(s.stage()), FullIcmTrainerTest.NEVER));
        }
    }

    static void setSeeded(Parameter par, String name) {
        NDArray a = par.getArray();
        Random r = new Random(name.hashCode());
        float[] v = new float[Math.toIntExact(a.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (0.05 * r.nextGaussian());
        }
        a.set(v);
    }

    static double norm(float[] a) {
        double s = 0;
        for (float x : a) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /** @return max over tensors of |a - b| / max(|b|, floor), the L2 norms */
    static double relativeError(Map<String, float[]> got, Map<String, float[]> want, double floor) {
        assertEquals(want.keySet(), got.keySet());
        double worst = 0;
        for (String n : want.keySet()) {
            float[] a = got.get(n);
            float[] b = want.get(n);
            float[] d = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i] - b[i];
                assertTrue(Float.isFinite(a[i]), n + " has a non-finite gradient");
            }
            double e = norm(d) / Math.max(norm(b), floor);
            worst = Math.max(worst, e);
        }
        return worst;
    }

    static TuningSettings stage2() {
        return FullIcmTrainerTest.stage2(1);
    }

    @Test
    void checkpointedLayersGiveThePlainGradients() {
        for (TuningSettings s : List.of(stage2(), stage2().withBatch(3, 3), FullIcmTrainerTest.stage1(1))) {
            Map<String, float[]> plain = gradients(Precision.FP32, s);
            Map<String, float[]> checkpointed = gradients(Precision.FP32, s.withCheckpointing(true));
            double err = relativeError(checkpointed, plain, 1e-6);
            System.out.printf("checkpointing, %s, %d micro-batches: max relative gradient error %.3g%n",
                    s.stage().folder(), s.accumulate(), err);
            assertTrue(err < 1e-5, "checkpointed gradients differ by " + err);
            assertTrue(plain.values().stream().allMatch(g -> norm(g) > 0), "a trained tensor got no gradient");
        }
    }

    @Test
    void float16BaseGivesTheFloat32GradientsWithinHalfPrecision() {
        Map<String, float[]> want = gradients(Precision.FP32, stage2());
        Map<String, float[]> half = gradients(Precision.FP16, stage2());
        Map<String, float[]> halfCheckpointed = gradients(Precision.FP16, stage2().withCheckpointing(true));
        double err = relativeError(half, want, 1e-3);
        double errCheckpointed = relativeError(halfCheckpointed, want, 1e-3);
        System.out.printf("fp16 base: max relative gradient error %.3g (checkpointed %.3g)%n", err, errCheckpointed);
        assertTrue(err < 1e-2, "fp16 gradients differ from fp32 by " + err);
        assertTrue(errCheckpointed < 1e-2, "checkpointed fp16 gradients differ from fp32 by " + errCheckpointed);
        // the query's pairs are reached only through the attention scores' float32 softmax and its casts
        half.forEach((n, g) -> {
            if (n.contains("q_proj.lora_") || n.startsWith("icm.")) {
                assertTrue(norm(g) > 1e-3 * norm(want.get(n)) && norm(g) > 0, n + " got no gradient in fp16");
            }
        });
        assertTrue(half.keySet().stream().anyMatch(n -> n.contains("q_proj.lora_A")));
    }

    @Test
    void dropoutDrawsTheSameMasksInBothPassesOfACheckpointedLayer() {
        TuningSettings s = stage2().withLora(LoraConfig.of(4, 16, 0.3, LoraConfig.ATTENTION)).withCheckpointing(true);
        Map<String, float[]> a = gradients(Precision.FP32, s);
        Map<String, float[]> b = gradients(Precision.FP32, s);
        Map<String, float[]> noDropout = gradients(Precision.FP32, stage2().withCheckpointing(true));
        a.forEach((n, g) -> assertArrayEquals(g, b.get(n), 0f, n));
        assertTrue(relativeError(a, noDropout, 1e-6) > 1e-2, "dropout had no effect");
        // the masks are consistent: a layer's recomputed output is the one the later layers saw, so a checkpointed
        // gradient with dropout is the exact gradient of one masked network; checked by the loss going down
        try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava base = base(m, Precision.FP32);
             LlmTokenizer tok = LlmTokenizer.open(TinyExport.model());
             FullIcmTrainer t = new FullIcmTrainer(base, tok, TinyExport.TEMPLATE, FullIcmTrainerTest.stage1(30)
                     .withLora(LoraConfig.of(4, 16, 0.1, LoraConfig.ATTENTION)).withCheckpointing(true), null, null,
                     null)) {
            List<TuningExample> train = t.prepare(entries(InstructionDataset.Stage.SCENE_TUNING),
                    FullIcmTrainerTest.NEVER);
            double before = t.evaluate(train);
            t.train(train, List.of(), TuningListener.SILENT, FullIcmTrainerTest.NEVER);
            double after = t.evaluate(train);
            System.out.printf("checkpointed with dropout 0.1: loss %.4f -> %.4f%n", before, after);
            assertTrue(after < 0.5 * before, before + " -> " + after);
        }
    }

    @Test
    void aFloat16RunTrainsFloat32PairsLeavesTheBaseAloneAndSavesAnAdapter() throws Exception {
        Path out = tmp.resolve("fp16-stage1");
        List<Double> skippedScales = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava b = base(m, Precision.FP16);
             LlmTokenizer tok = LlmTokenizer.open(TinyExport.model());
             FullIcmTrainer t = new FullIcmTrainer(b, tok, TinyExport.TEMPLATE,
                     FullIcmTrainerTest.stage1(40).withCheckpointing(true), null, null, null)) {
            Map<String, byte[]> before = FullIcmTrainerTest.snapshot(b);
            t.trainable().values().forEach(p -> assertEquals(DataType.FLOAT32, p.getArray().getDataType()));
            assertEquals(DataType.FLOAT16, b.decoder().model().getParameters().get(0).getValue().getArray()
                    .getDataType());
            List<TuningExample> train = t.prepare(entries(InstructionDataset.Stage.SCENE_TUNING),
                    FullIcmTrainerTest.NEVER);
            double lossBefore = t.evaluate(train);
            FullIcmTrainer.Result r = t.train(train, List.of(), new TuningListener() {
                @Override
                public void step(int step, int total, int epoch, double loss, float lr, double rate, double eta) {
                }

                @Override
                public void skipped(int step, int total, double scale) {
                    skippedScales.add(scale);
                }
            }, FullIcmTrainerTest.NEVER);
            double lossAfter = t.evaluate(train);
            System.out.printf("fp16 stage 1, checkpointed: %d steps (%d skipped), loss %.4f -> %.4f%n", r.steps(),
                    skippedScales.size(), lossBefore, lossAfter);
            assertEquals(40, r.steps());
            assertTrue(skippedScales.size() < 5, "skipped " + skippedScales);
            assertTrue(lossAfter < 0.5 * lossBefore, lossBefore + " -> " + lossAfter);
            Map<String, byte[]> after = FullIcmTrainerTest.snapshot(b);
            before.forEach((n, v) -> {
                if (!n.contains("lora_")) {
                    assertArrayEquals(v, after.get(n), n + " moved");
                }
            });
            t.save(out);
            // the saved pairs are float32 and load onto a float32 base too
            try (NDManager m32 = NDManager.newBaseManager("PyTorch"); LoadedVideoLlava b32 = base(m32, Precision.FP32);
                 IcmAdapter.Loaded a = IcmAdapter.load(out, b32, DataType.FLOAT32)) {
                TuningExample first = train.get(0);
                float[] want = FullIcmTrainerTest.logits(t.model(), m, first, false);
                float[] got = FullIcmTrainerTest.logits(a.model(), m32, first, false);
                float diff = FullIcmTrainerTest.maxDiff(got, want);
                float scale = 0;
                for (float v : want) {
                    scale = Math.max(scale, Math.abs(v));
                }
                System.out.printf("fp16-trained adapter on an fp32 base: max logit diff %.3g (logits up to %.3g)%n",
                        diff, scale);
                assertTrue(diff < 2e-2 * scale, "diff " + diff + " of " + scale);
                assertFalse(Arrays.equals(want, got), "fp16 and fp32 cannot agree to the bit");
            }
        }
    }
}
