package org.omnisila.engine.llm.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.analysis.AnalysisListener;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.instruct.Instruction;
import org.omnisila.engine.instruct.TuningInstructions;
import org.omnisila.engine.llm.Precision;
import org.omnisila.engine.llm.text.AnswerParser;
import org.omnisila.engine.llm.text.PromptTokens;
import org.omnisila.engine.llm.video.FusionMode;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.video.SyntheticVideo;
import org.omnisila.engine.video.VideoCancelledException;

/**
 * {@link FullAnalyzer} on the tiny Video-LLaVA with a tiny ADD adapter: the tuned questions asked with the exact
 * texts of {@link TuningInstructions}, each label scored after its own kind's identify question, the label rule, and
 * the one-instruction path.
 */
class FullAnalyzerTest {
    @TempDir
    static Path dir;
    private static Path video;
    private static FullModel model;

    @BeforeAll
    static void setUp() throws Exception {
        video = dir.resolve("v.mp4");
        SyntheticVideo.mp4(160, 120, 25, 75).texture(true).write(video); // 3 s
        Path adapter = dir.resolve("adapter");
        TinyAdapter.write(adapter, FusionMode.ADD, TinyAdapter.extractorWidths());
        model = FullModel.open(TinyAdapter.base(), null, adapter, Device.cpu(), Precision.FP32, -1, new ModelFiles(),
                f -> { });
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    private static String direct(PreparedVideo prepared, String question) {
        return model.ask(prepared, List.of(), question, model.settings(16), null, () -> false).text();
    }

    @Test
    void theTunedQuestionsAreAskedWithTheExportsWordingInFreshConversations() throws Exception {
        List<String> phases = new ArrayList<>();
        FullAnalyzer.Result r = new FullAnalyzer(model, 16).analyze(video, (p, f) -> phases.add(p), () -> false);
        VideoAnalysis a = r.analysis();
        SegmentResult s = a.segments().get(0);
        assertEquals(List.of("identify", "locate", "attribute"), r.asked().stream().map(FullAnalyzer.Asked::step)
                .toList());
        String top = FullAnalyzer.top(s.sentimentScores());
        assertEquals(TuningInstructions.identifyQuestion(top), r.asked().get(0).question(),
                "the identify question of the top label's kind");
        assertEquals(TuningInstructions.locateQuestion(r.label()), r.asked().get(1).question());
        assertEquals(TuningInstructions.attributeQuestion(r.label()), r.asked().get(2).question());
        // the label rule
        FullAnswer identify = r.asked().get(0).answer();
        if (r.source() == FullAnalyzer.LabelSource.ANSWER) {
            assertEquals(identify.parsed().label(), r.label());
        } else {
            assertEquals(FullAnalyzer.LabelSource.SCORES, r.source());
            assertEquals(top, r.label());
        }
        // each answer is the model's answer to that question alone (no history), as asked directly
        try (PreparedVideo prepared = model.prepare(video, f -> { }, () -> false)) {
            for (FullAnalyzer.Asked q : r.asked()) {
                assertEquals(direct(prepared, q.question()), q.answer().text(), q.step());
            }
            Map<String, Double> scores = LabelScores.score(model, prepared,
                    (java.util.function.Function<String, String>) TuningInstructions::identifyQuestion,
                    LabelScores.known(), () -> false);
            assertEquals(scores, s.sentimentScores());
            // causal effects: p(label) minus p(label) with scene j's expert output set to the dictionary's mean
            assertNotNull(s.causalEffect());
            double moved = 0;
            for (org.omnisila.engine.api.Scene scene : org.omnisila.engine.api.Scene.values()) {
                ai.djl.ndarray.NDArray tokens = prepared.interventions().get(scene.ordinal());
                assertEquals(prepared.sceneTokens().getShape(), tokens.getShape());
                Map<String, Double> intervened = LabelScores.score(model, prepared, tokens,
                        TuningInstructions::identifyQuestion, LabelScores.known(), () -> false);
                double want = scores.get(r.label()) - intervened.get(r.label());
                assertEquals(want, s.causalEffect().get(scene), 1e-9, scene.toString());
                moved += Math.abs(want);
            }
            assertTrue(moved > 0, "no intervention changed the label's probability");
        }
        String attribution = r.asked().get(2).answer().text().isBlank() ? null : r.asked().get(2).answer().text();
        assertEquals(attribution, s.attribution());
        assertEquals(r.asked().get(1).answer().parsed().spans().size(), a.located().size());
        for (LocatedSentiment l : a.located()) {
            assertEquals(r.label(), l.label());
            assertEquals(s.sentimentScores().get(r.label()), l.score(), 0);
            assertTrue(l.end() <= a.video().duration() + 1e-9);
        }
        assertEquals(1, a.segments().size());
        assertEquals(0, s.start());
        assertEquals(a.video().duration(), s.end(), 1e-9);
        assertEquals(8, s.frameTimes().size());
        assertEquals(15, s.sentimentScores().size());
        assertEquals(1, s.sentimentScores().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-6);
        assertNotNull(s.routing());
        assertEquals("full-omnisila-add", a.model().config());
        assertTrue(phases.containsAll(List.of("frames and scenes", "label scores", "identify", "causal effects",
                "locate", "attribute")), phases.toString());
        assertTrue(phases.indexOf("label scores") < phases.indexOf("identify")
                && phases.indexOf("identify") < phases.indexOf("causal effects")
                && phases.indexOf("causal effects") < phases.indexOf("locate")
                && phases.indexOf("locate") < phases.indexOf("attribute"), phases.toString());
        Path out = dir.resolve("r.json");
        ResultJson.write(a, out);
        assertEquals(a, ResultJson.read(out));
    }

    /**
     * The prompt once into a KV cache, then each answer on top of it, equals one teacher-forced pass over prompt +
     * answer in which the answer is supervised (so that ADD's scene vector skips it, as in training).
     */
    @Test
    void cachedScoringEqualsATeacherForcedPassOverPromptAndAnswer() {
        try (PreparedVideo prepared = model.prepare(video, f -> { }, () -> false);
             ai.djl.ndarray.NDManager work = ai.djl.ndarray.NDManager.newBaseManager("PyTorch")) {
            PromptTokens prompt = model.prompt(List.of(), TuningInstructions.identifyQuestion("Fire"));
            for (String label : List.of("Fire", "positive", "Traffic accident")) {
                long[] answer = model.tokenizer().encode(TuningInstructions.identifyAnswer(label));
                long[] ids = java.util.stream.LongStream.concat(java.util.Arrays.stream(prompt.ids()),
                        java.util.Arrays.stream(answer)).toArray();
                long[] labels = ids.clone();
                java.util.Arrays.fill(labels, 0, prompt.ids().length, -100L);
                ai.djl.training.ParameterStore ps = new ai.djl.training.ParameterStore(work, false);
                var seq = model.model().sequences(ps, List.of(ids), List.of(labels), List.of(prompt.imagePositions()),
                        List.of(prepared.pixels()), prepared.sceneTokens(), false).get(0);
                ai.djl.ndarray.NDArray logits = model.model().decoder().logitsFromEmbeddings(ps,
                        seq.embeddings().expandDims(0), null, null, false, false).get(0).logSoftmax(-1); // [L, V]
                float[] lp = logits.toFloatArray();
                int vocab = Math.toIntExact(logits.getShape().get(1));
                int length = Math.toIntExact(logits.getShape().get(0));
                double want = 0;
                for (int i = 0; i < answer.length; i++) {
                    want += lp[(length - answer.length - 1 + i) * vocab + Math.toIntExact(answer[i])];
                }
                double got = LabelScores.logLikelihood(model, prepared, prompt, answer);
                assertEquals(want, got, 1e-4, label);
            }
        }
    }

    @Test
    void eachLabelIsScoredAfterItsOwnKindsIdentifyQuestion() {
        try (PreparedVideo prepared = model.prepare(video, f -> { }, () -> false)) {
            Map<String, Double> scores = LabelScores.score(model, prepared,
                    (java.util.function.Function<String, String>) TuningInstructions::identifyQuestion,
                    List.of("positive", "neutral", "Fighting", "Fire"), () -> false);
            double[] ll = new double[4];
            String[] labels = {"positive", "neutral", "Fighting", "Fire"};
            String explicitQ = "You will be presented with a video. After watching the video, please identify the"
                    + " explicit visual sentiment in the video.";
            String implicitQ = explicitQ.replace("explicit", "implicit");
            double sum = 0;
            for (int i = 0; i < 4; i++) {
                PromptTokens prompt = model.prompt(List.of(), i < 2 ? explicitQ : implicitQ);
                ll[i] = LabelScores.logLikelihood(model, prepared, prompt,
                        model.tokenizer().encode(TuningInstructions.identifyAnswer(labels[i])));
                sum += Math.exp(ll[i]);
            }
            for (int i = 0; i < 4; i++) {
                assertEquals(Math.exp(ll[i]) / sum, scores.get(labels[i]), 1e-9, labels[i]);
            }
            // one prompt for all gives other numbers: the question matters
            Map<String, Double> one = LabelScores.score(model, prepared, explicitQ, List.of(labels), () -> false);
            assertTrue(Math.abs(one.get("Fire") - scores.get("Fire")) > 1e-6, one + " vs " + scores);
        }
    }

    @Test
    void theIdentifyAnswerGivesTheLabelWhenItIsAKnownOneElseTheScoresDo() {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String l : LabelScores.known()) {
            scores.put(l, l.equals("Theft") ? 0.9 : 0.1 / 14);
        }
        assertEquals("Theft", FullAnalyzer.top(scores));
        assertTrue(FullAnalyzer.fromAnswer(AnswerParser.parse("The explicit visual sentiment is positive."), scores));
        assertFalse(FullAnalyzer.fromAnswer(AnswerParser.parse("The implicit visual sentiment is Dancing."), scores));
        assertFalse(FullAnalyzer.fromAnswer(AnswerParser.parse("ka ka lo lo"), scores));
        assertTrue(SentimentLabels.EXPLICIT.contains("positive"));
    }

    @Test
    void windowsGiveOneScoredSegmentEachWhileTheQuestionsStayAboutTheWholeVideo() throws Exception {
        FullAnalyzer windowed = new FullAnalyzer(model, 8).withWindows(1.0);
        assertEquals(List.of(), new FullAnalyzer(model, 8).windows(3.0).stream().map(w -> w[0]).toList());
        assertEquals(List.of(0.0, 1.0, 2.0), windowed.windows(3.0).stream().map(w -> w[0]).toList());
        assertEquals(3.4, windowed.windows(3.4).get(2)[1], 1e-12, "a short rest joins the last window");
        assertEquals(4, windowed.windows(3.6).size());
        List<String> phases = new ArrayList<>();
        FullAnalyzer.Result r = windowed.analyze(video, (p, f) -> phases.add(p), () -> false);
        FullAnalyzer.Result whole = new FullAnalyzer(model, 8).analyze(video, AnalysisListener.SILENT, () -> false);
        VideoAnalysis a = r.analysis();
        assertEquals(3, a.segments().size());
        assertEquals(whole.label(), r.label(), "the questions are about the whole video");
        assertEquals(whole.analysis().located(), a.located());
        try (PreparedVideo second = model.prepare(video, 1.0, 2.0, f -> { }, () -> false)) {
            SegmentResult s = a.segments().get(1);
            assertEquals(1.0, s.start());
            assertEquals(2.0, s.end());
            s.frameTimes().forEach(t -> assertTrue(t >= 1.0 && t < 2.0, "frame at " + t));
            assertEquals(LabelScores.score(model, second, TuningInstructions::identifyQuestion,
                    LabelScores.known(), () -> false), s.sentimentScores());
            assertNotNull(s.causalEffect());
            assertNotNull(s.routing());
        }
        assertTrue(phases.contains("windows"), phases.toString());
        Path out = dir.resolve("windows.json");
        ResultJson.write(a, out); // validates: ordered, non-overlapping segments
        assertEquals(a, ResultJson.read(out));
        assertThrows(IllegalArgumentException.class, () -> new FullAnalyzer(model, 8).withWindows(-1));
    }

    @Test
    void oneInstructionIsAskedOnceAndLabelsScoredAfterIt() throws Exception {
        List<String> phases = new ArrayList<>();
        FullAnalyzer.Result r = new FullAnalyzer(model, 16, Instruction.PAPER).analyze(video,
                (p, f) -> phases.add(p), () -> false);
        assertEquals(1, r.asked().size());
        assertEquals(Instruction.PAPER, r.asked().get(0).question());
        SegmentResult s = r.analysis().segments().get(0);
        try (PreparedVideo prepared = model.prepare(video, f -> { }, () -> false)) {
            FullAnswer answer = model.ask(prepared, List.of(), Instruction.PAPER, model.settings(16), null,
                    () -> false);
            assertEquals(answer.text(), r.asked().get(0).answer().text());
            assertEquals(answer.parsed().label(), r.label());
            assertEquals(answer.parsed().attribution(), s.attribution());
            if (answer.parsed().label() == null || answer.parsed().knownLabel()) {
                assertEquals(LabelScores.score(model, prepared, Instruction.PAPER, LabelScores.known(), () -> false),
                        s.sentimentScores());
            }
        }
        assertTrue(phases.contains("answer") && !phases.contains("identify"), phases.toString());
        assertThrows(IllegalArgumentException.class, () -> new FullAnalyzer(model, 16, " "));
    }

    @Test
    void cancellingStopsInEveryStep() {
        assertThrows(VideoCancelledException.class,
                () -> new FullAnalyzer(model, 16).analyze(video, AnalysisListener.SILENT, () -> true));
        // cancelled at the n-th poll: during label scores, inside an answer, between the answers
        for (int n : new int[] {12, 30, 40}) {
            AtomicInteger polls = new AtomicInteger();
            assertThrows(VideoCancelledException.class, () -> new FullAnalyzer(model, 16).analyze(video,
                    AnalysisListener.SILENT, () -> polls.incrementAndGet() > n), "at poll " + n);
        }
    }
}
