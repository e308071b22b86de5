package org.omnisila.engine.llm.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.analysis.AnalysisListener;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.icm.checkpoint.CheckpointException;
import org.omnisila.engine.instruct.Instruction;
import org.omnisila.engine.llm.Generation;
import org.omnisila.engine.llm.Precision;
import org.omnisila.engine.llm.text.PromptTokens;
import org.omnisila.engine.llm.text.VicunaTemplate;
import org.omnisila.engine.llm.tuning.SceneInputs;
import org.omnisila.engine.llm.tuning.VideoFrames8;
import org.omnisila.engine.llm.video.FusionMode;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.scene.SceneExtractors;
import org.omnisila.engine.video.SyntheticVideo;
import org.omnisila.engine.video.VideoCancelledException;

/**
 * The full model's facade on the tiny Video-LLaVA with a tiny ADD adapter fed by the real bundled extractors, over a
 * real generated video.
 */
class FullModelTest {
    @TempDir
    static Path dir;
    private static Path video;
    private static Path adapter;
    private static FullModel model;

    @BeforeAll
    static void setUp() throws Exception {
        video = dir.resolve("v.mp4");
        SyntheticVideo.mp4(160, 120, 25, 75).texture(true).write(video); // 3 s
        adapter = dir.resolve("adapter");
        TinyAdapter.write(adapter, FusionMode.ADD, TinyAdapter.extractorWidths());
        List<Double> progress = new ArrayList<>();
        model = FullModel.open(TinyAdapter.base(), null, adapter, Device.cpu(), Precision.FP32, -1, new ModelFiles(),
                progress::add);
        assertEquals(1.0, progress.get(progress.size() - 1));
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    @Test
    void answersAsTheModelGeneratesFromTheSceneFeatures() {
        try (PreparedVideo prepared = model.prepare(video, f -> { }, () -> false)) {
            assertEquals(8, prepared.frameTimes().length);
            assertNotNull(prepared.routing());
            assertEquals(1, prepared.routing().sum(), 1e-5);
            List<String> streamed = new ArrayList<>();
            FullAnswer answer = model.ask(prepared, List.of(), Instruction.PAPER, model.settings(12),
                    streamed::add, () -> false);
            assertFalse(answer.cancelled());
            assertTrue(answer.tokens() > 0 && answer.tokens() <= 12);
            assertTrue(answer.firstTokenMs() > 0);
            // the direct path: VideoLlava.generate with the same frames and the extractors' x_j
            VideoFrames8 frames = VideoFrames8.sample(video);
            List<SceneExtractor> extractors = SceneExtractors.open(Device.cpu(), new ModelFiles());
            try (NDManager m = NDManager.newBaseManager("PyTorch")) {
                NDList x = SceneInputs.extract(extractors, frames).toNd(m);
                PromptTokens prompt = model.prompt(List.of(), Instruction.PAPER);
                Generation g = model.model().generate(List.of(prompt), List.of(prepared.pixels()), x,
                        model.settings(12).withStopCondition(null));
                String direct = model.template().stopStrings().answer(model.tokenizer().decode(g.tokens().get(0)));
                assertEquals(direct, answer.text());
            } finally {
                extractors.forEach(SceneExtractor::close);
            }
            // streaming: the last update is the answer (the random tiny model writes byte tokens, so the
            // updates' prefixes are tested in StreamingStopTest with real text)
            assertEquals(answer.text(), streamed.get(streamed.size() - 1));
            streamed.forEach(s -> assertFalse(s.contains("</s>"), s));
        }
    }

    /** The half-precision path end to end (tower, projector, scene block, decoder with its cache) on the CPU. */
    @Test
    void aFloat16ModelRoutesAndAnswersLikeTheFloat32One() {
        try (FullModel half = FullModel.open(TinyAdapter.base(), null, adapter, Device.cpu(), Precision.FP16, -1,
                new ModelFiles(), f -> { });
             PreparedVideo p32 = model.prepare(video, f -> { }, () -> false);
             PreparedVideo p16 = half.prepare(video, f -> { }, () -> false)) {
            assertEquals(Precision.FP16, half.precision());
            for (org.omnisila.engine.api.Scene scene : org.omnisila.engine.api.Scene.values()) {
                assertEquals(p32.routing().get(scene), p16.routing().get(scene), 5e-3, scene.toString());
            }
            FullAnswer a16 = half.ask(p16, List.of(), Instruction.PAPER, half.settings(6), null, () -> false);
            FullAnswer a32 = model.ask(p32, List.of(), Instruction.PAPER, model.settings(6), null, () -> false);
            System.out.printf("fp16 answer %s / fp32 answer %s%n", a16.text(), a32.text());
            assertTrue(a16.tokens() > 0);
            assertEquals(a32.text(), a16.text(), "the greedy answer of the tiny model in fp16");
        }
    }

    @Test
    void cancellingStopsAtTheNextToken() {
        try (PreparedVideo prepared = model.prepare(video, f -> { }, () -> false)) {
            AtomicInteger polls = new AtomicInteger(); // polled once after every token
            FullAnswer answer = model.ask(prepared, List.of(), "Describe the video.",
                    model.settings(40).withStopTokens(), null, () -> polls.incrementAndGet() >= 2);
            assertTrue(answer.cancelled());
            assertEquals(Generation.Stop.STOP_CONDITION, answer.stop());
            assertEquals(2, answer.tokens(), "cancelled after the second token");
        }
        assertThrows(VideoCancelledException.class, () -> model.prepare(video, f -> { }, () -> true));
    }

    @Test
    void inferenceRecordsNoGraphOnAThreadWithGradModeOn() throws Exception {
        Object[] got = new Object[3];
        Thread t = new Thread(() -> {
            ai.djl.pytorch.jni.JniUtils.setGradMode(true); // libtorch's default on a fresh thread
            try (PreparedVideo prepared = model.prepare(video, f -> { }, () -> false)) {
                got[0] = ai.djl.pytorch.jni.JniUtils.requiresGrad((ai.djl.pytorch.engine.PtNDArray)
                        prepared.sceneTokens());
                got[1] = model.ask(prepared, List.of(), Instruction.PAPER, model.settings(6), null, () -> false)
                        .text();
                got[2] = ai.djl.pytorch.jni.JniUtils.isGradMode();
            }
        });
        t.start();
        t.join();
        assertEquals(false, got[0], "the scene tokens carry no autograd graph");
        try (PreparedVideo prepared = model.prepare(video, f -> { }, () -> false)) {
            assertEquals(model.ask(prepared, List.of(), Instruction.PAPER, model.settings(6), null, () -> false)
                    .text(), got[1]);
        }
        assertEquals(true, got[2], "the thread's grad mode is restored");
    }

    @Test
    void labelScoresAreTheModelsLikelihoods() {
        try (PreparedVideo prepared = model.prepare(video, f -> { }, () -> false)) {
            // the greedy first token has the highest teacher-forced log-likelihood of all one-token answers
            FullAnswer answer = model.ask(prepared, List.of(), Instruction.PAPER,
                    model.settings(1).withStopTokens(), null, () -> false);
            assertTrue(answer.tokens() <= 1);
            long greedy;
            PromptTokens prompt = model.prompt(List.of(), Instruction.PAPER);
            double best = Double.NEGATIVE_INFINITY;
            long argmax = -1;
            for (long t = 3; t < 60; t++) {
                double ll = LabelScores.logLikelihood(model, prepared, prompt, new long[] {t});
                assertTrue(ll < 0);
                if (ll > best) {
                    best = ll;
                    argmax = t;
                }
            }
            Generation g = model.model().generateWithSceneTokens(List.of(prompt), List.of(prepared.pixels()),
                    prepared.sceneTokens(), model.settings(1).withStopTokens());
            greedy = g.tokens().get(0)[0];
            if (greedy >= 3 && greedy < 60) {
                assertEquals(greedy, argmax);
            } else {
                assertTrue(LabelScores.logLikelihood(model, prepared, prompt, new long[] {greedy}) >= best);
            }
            Map<String, Double> scores = LabelScores.score(model, prepared, Instruction.PAPER,
                    List.of("positive", "Fighting", "Fire"), () -> false);
            assertEquals(1, scores.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
            assertEquals(List.of("positive", "Fighting", "Fire"), List.copyOf(scores.keySet()));
        }
    }

    @Test
    void answersAreClampedToTheContextAndTooLongConversationsNamed() {
        try (PreparedVideo prepared = model.prepare(video, f -> { }, () -> false);
             NDManager m = NDManager.newBaseManager("PyTorch")) {
            PromptTokens prompt = model.prompt(List.of(), "Describe it.");
            long real = model.model().sequences(new ai.djl.training.ParameterStore(m, false), List.of(prompt.ids()),
                    null, List.of(prompt.imagePositions()), List.of(prepared.pixels()), prepared.sceneTokens(), false)
                    .get(0).embeddings().getShape().get(0);
            int length = model.sequenceLength(prompt, prepared);
            assertEquals(real, length);
            FullAnswer a = model.ask(prepared, List.of(), "Describe it.", model.settings(100_000).withStopTokens(),
                    null, () -> false);
            assertEquals(256 - length, a.tokens(), "as many as fit in max_position_embeddings 256");
            List<VicunaTemplate.Turn> history = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                history.add(new VicunaTemplate.Turn("What happens in the video now?", "Nothing happens at all."));
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.ask(prepared,
                    history, "And?", model.settings(4), null, () -> false));
            assertTrue(e.getMessage().contains("too long for the model"), e.getMessage());
        }
    }

    @Test
    void appendAndStageOneAdaptersRun(@TempDir Path tmp) {
        Path append = tmp.resolve("append");
        TinyAdapter.write(append, FusionMode.APPEND, TinyAdapter.extractorWidths());
        try (FullModel m = FullModel.open(TinyAdapter.base(), null, append, Device.cpu(), Precision.FP32, -1,
                new ModelFiles(), f -> { });
             PreparedVideo prepared = m.prepare(video, f -> { }, () -> false);
             NDManager nd = NDManager.newBaseManager("PyTorch")) {
            assertEquals("full-omnisila-append", m.info().config());
            PromptTokens prompt = m.prompt(List.of(), "Describe it.");
            long real = m.model().sequences(new ai.djl.training.ParameterStore(nd, false), List.of(prompt.ids()),
                    null, List.of(prompt.imagePositions()), List.of(prepared.pixels()), prepared.sceneTokens(), false)
                    .get(0).embeddings().getShape().get(0);
            assertEquals(real, m.sequenceLength(prompt, prepared), "APPEND adds the 8 scene tokens");
            FullAnswer a = m.ask(prepared, List.of(), "Describe it.", m.settings(100_000).withStopTokens(), null,
                    () -> false);
            assertEquals(256 - real, a.tokens());
            assertNotNull(a.routing());
        }
        Path scene = tmp.resolve("scene");
        TinyAdapter.write(scene, FusionMode.NONE, List.of(1, 1, 1, 1)); // widths unused without a scene block
        try (FullModel m = FullModel.open(TinyAdapter.base(), null, scene, Device.cpu(), Precision.FP32, -1,
                new ModelFiles(), f -> { });
             PreparedVideo prepared = m.prepare(video, f -> { }, () -> false)) {
            assertEquals("full-scene-none", m.info().config());
            assertNull(prepared.routing());
            assertTrue(m.ask(prepared, List.of(), "Describe it.", m.settings(3), null, () -> false).tokens() <= 3);
        }
    }

    @Test
    void theHashFollowsTheAdapterNotTheBasesWeightBytes(@TempDir Path other) throws Exception {
        String h = FullModelHash.of(TinyAdapter.base(), null, adapter);
        assertEquals(h, FullModelHash.of(TinyAdapter.base(), null, adapter));
        assertFalse(h.equals(FullModelHash.of(TinyAdapter.base(), null, null)));
        Path copy = other.resolve("a");
        Files.createDirectories(copy);
        try (var files = Files.list(adapter)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        assertEquals(h, FullModelHash.of(TinyAdapter.base(), null, copy));
        byte[] icm = Files.readAllBytes(copy.resolve("icm.safetensors"));
        icm[icm.length - 1] ^= 1;
        Files.write(copy.resolve("icm.safetensors"), icm);
        assertFalse(h.equals(FullModelHash.of(TinyAdapter.base(), null, copy)));
    }

    @Test
    void plainVideoLlavaHasNoRoutingAndBadFoldersAreNamed(@TempDir Path tmp) throws Exception {
        try (FullModel plain = FullModel.open(TinyAdapter.base(), null, null, Device.cpu(), Precision.FP32, -1,
                new ModelFiles(), f -> { });
             PreparedVideo prepared = plain.prepare(video, f -> { }, () -> false)) {
            assertNull(prepared.routing());
            assertEquals("Video-LLaVA", plain.info().name());
            assertEquals(VicunaTemplate.SYSTEM_LLAVA_V1, plain.template().system());
            FullAnswer a = plain.ask(prepared, List.of(new VicunaTemplate.Turn("What is it?", "A video.")),
                    "And then?", plain.settings(4), null, () -> false);
            assertNull(a.routing());
        }
        Path missing = tmp.resolve("nope");
        CheckpointException e = assertThrows(CheckpointException.class, () -> FullModel.open(missing, null, null,
                Device.cpu(), Precision.FP32, -1, new ModelFiles(), f -> { }));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("does not exist"), e.getMessage());
        e = assertThrows(CheckpointException.class, () -> FullModel.open(TinyAdapter.base(), null, tmp,
                Device.cpu(), Precision.FP32, -1, new ModelFiles(), f -> { }));
        assertTrue(e.getMessage().contains("not an Omni-SILA ICM adapter"), e.getMessage());
        Path narrow = tmp.resolve("narrow");
        TinyAdapter.write(narrow, FusionMode.ADD, List.of(5, 6, 7, 8));
        e = assertThrows(CheckpointException.class, () -> FullModel.open(TinyAdapter.base(), null, narrow,
                Device.cpu(), Precision.FP32, -1, new ModelFiles(), f -> { }));
        assertTrue(e.getMessage().contains("icm.sceneWidths[0] is 5"), e.getMessage());
        IllegalStateException m = assertThrows(IllegalStateException.class, () -> FullModel.open(TinyAdapter.base(),
                null, null, Device.cpu(), Precision.FP32, 1000, new ModelFiles(), f -> { }));
        assertNotNull(m.getMessage());
    }
}
