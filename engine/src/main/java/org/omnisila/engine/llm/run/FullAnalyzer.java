package org.omnisila.engine.llm.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.omnisila.engine.analysis.AnalysisListener;
import org.omnisila.engine.api.AnalysisWarning;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.api.SceneCues;
import org.omnisila.engine.api.SceneWeights;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.api.VideoInfo;
import org.omnisila.engine.instruct.Instruction;
import org.omnisila.engine.instruct.TuningInstructions;
import org.omnisila.engine.llm.GenerationSettings;
import org.omnisila.engine.llm.text.ParsedAnswer;
import org.omnisila.engine.video.VideoCancelledException;
import org.omnisila.engine.video.VideoProbe;

/**
 * {@code omnisila analyze} with the full model, in one of two protocols (docs/full-model.md, "Running the full
 * model"):
 * <ul>
 *   <li><b>tuned questions</b> (the default): the three Omni-SILA tuning questions the adapters are tuned on
 *       ({@link TuningInstructions}, paper section 4.1), each a fresh conversation about the same prepared video:
 *       label scores (each known label's identify answer after its own kind's identify question), identify (the
 *       question of the top label's kind, answer parsed; the label is the parsed one when it is a known label, else
 *       the top-scored one, {@link LabelSource}), locate (that label's locate question: the spans), attribute (that
 *       label's attribute question: the answer is the attribution);</li>
 *   <li><b>one instruction</b> (e.g. the paper's {@link Instruction#PAPER}): asked once and parsed, labels scored
 *       after it.</li>
 * </ul>
 *
 * <p>What the fields hold (docs/formats.md, "The full model's results"):
 * <ul>
 *   <li>one segment, the whole video [0, duration]: Video-LLaVA sees the video as one clip of eight frames, so
 *       there is nothing finer to report; {@code frameTimes} the eight frames' times; {@code sentimentScores} the
 *       {@link LabelScores} of the 15 known labels (the model's probabilities of the tuning answers, softmax over
 *       labels); {@code routing} the SBM's P for the video (null without a scene block); {@code causalEffect} per
 *       scene the reported label's probability minus its probability when that scene's expert output is replaced by
 *       the IEC dictionary's expectation (null without a scene block); {@code cues} empty (not computed);
 *       {@code attribution} the attribution;</li>
 *   <li>{@code located}: one per span, with the label and attribution; score the label's probability in
 *       {@code sentimentScores} (one instruction, a label outside the known ones: its probability scored beside
 *       them);</li>
 *   <li>{@code warnings}: none from decoding (the eight frames are read by seeking); the parser's warnings are
 *       returned in {@link Result#asked}.</li>
 * </ul>
 */
public final class FullAnalyzer {
    private final FullModel model;
    private final int maxNewTokens;
    private final String instruction;
    private final double window;

    /**
     * The tuned questions.
     *
     * @param model        the loaded model
     * @param maxNewTokens the most tokens of each answer
     */
    public FullAnalyzer(FullModel model, int maxNewTokens) {
        this(model, maxNewTokens, null);
    }

    /**
     * @param model        the loaded model
     * @param maxNewTokens the most tokens of each answer
     * @param instruction  one instruction to ask instead of the tuned questions (e.g. {@link Instruction#PAPER}); null
     *                     for the tuned questions
     */
    public FullAnalyzer(FullModel model, int maxNewTokens, String instruction) {
        this(model, maxNewTokens, instruction, 0);
    }

    private FullAnalyzer(FullModel model, int maxNewTokens, String instruction, double window) {
        if (instruction != null && instruction.isBlank()) {
            throw new IllegalArgumentException("the instruction is empty");
        }
        if (!(window >= 0) || Double.isInfinite(window)) {
            throw new IllegalArgumentException("the window must be >= 0 seconds (0: the whole video only), not "
                    + window);
        }
        this.model = model;
        this.maxNewTokens = maxNewTokens;
        this.instruction = instruction;
        this.window = window;
    }

    /**
     * Also scores windows of the video: the segments are then windows of {@code seconds} (the last one takes the
     * rest when it would be shorter than half a window), each with its own eight frames, label scores, routing and
     * causal effects, and the whole video's attribution where a located span overlaps it. The questions are still
     * asked about the whole video (they give the label, the spans and the attribution).
     *
     * @param seconds the window length; 0 for the whole video as one segment
     */
    public FullAnalyzer withWindows(double seconds) {
        return new FullAnalyzer(model, maxNewTokens, instruction, seconds);
    }

    /** Where the reported label came from. */
    public enum LabelSource {
        /** the identify answer named a known label */
        ANSWER,
        /** the identify answer named none (or an unknown one): the label with the highest score */
        SCORES
    }

    /**
     * One question asked and its answer.
     *
     * @param step     "identify", "locate", "attribute" (tuned questions) or "instruction"
     * @param question the question as asked (the prompt's instruction, without the video token)
     * @param answer   the answer
     */
    public record Asked(String step, String question, FullAnswer answer) {
    }

    /**
     * The result and the answers it was read from.
     *
     * @param analysis the result
     * @param asked    the questions in the order asked: identify, locate, attribute; or the one instruction
     * @param label    the label reported (null when the one instruction's answer names none)
     * @param source   where it came from (one instruction: ANSWER, or null without a label)
     */
    public record Result(VideoAnalysis analysis, List<Asked> asked, String label, LabelSource source) {
        public Result {
            asked = List.copyOf(asked);
        }
    }

    /**
     * @param video     the file
     * @param listener  phases "frames and scenes", "label scores", then "identify", "locate", "attribute" (tuned)
     *                  or "answer" (one instruction)
     * @param cancelled polled per frame, per label and per token
     * @throws VideoCancelledException when cancelled
     */
    public Result analyze(Path video, AnalysisListener listener, BooleanSupplier cancelled) {
        VideoInfo info = VideoProbe.info(video);
        List<double[]> windows = windows(info.duration());
        AnalysisListener whole = windows.isEmpty() ? listener
                : (phase, f) -> listener.progress(phase, 0.4 * f); // the windows take the rest
        Result r;
        try (PreparedVideo prepared = model.prepare(video, f -> whole.progress("frames and scenes", 0.2 * f),
                cancelled)) {
            r = instruction == null ? tuned(info, prepared, whole, cancelled) : single(info, prepared, whole, cancelled);
        }
        if (windows.isEmpty()) {
            return r;
        }
        List<SegmentResult> segments = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            double[] w = windows.get(i);
            double from = 0.4 + 0.6 * i / windows.size();
            double share = 0.6 / windows.size();
            listener.progress("windows", from);
            try (PreparedVideo prepared = model.prepare(video, w[0], w[1], f -> { }, cancelled)) {
                segments.add(windowSegment(i, w, prepared, r, cancelled));
            }
            listener.progress("windows", from + share);
        }
        VideoAnalysis a = r.analysis();
        return new Result(new VideoAnalysis(a.video(), a.model(), segments, a.located(), a.warnings()), r.asked(),
                r.label(), r.source());
    }

    /** @return the windows [start, end) over [0, duration), or none for the whole video as one segment */
    List<double[]> windows(double duration) {
        List<double[]> out = new ArrayList<>();
        if (window == 0 || !(duration > window)) {
            return out;
        }
        double start = 0;
        while (start < duration) {
            double end = start + window;
            if (duration - end < window / 2) {
                end = duration; // a short rest joins the last window
            }
            out.add(new double[] {start, end});
            start = end;
        }
        return out;
    }

    /**
     * One window's segment: its label scores (after the same questions as the whole video's), routing, causal
     * effects on its own top label, and the whole video's attribution when a located span overlaps the window.
     */
    private SegmentResult windowSegment(int index, double[] w, PreparedVideo prepared, Result whole,
                                        BooleanSupplier cancelled) {
        Function<String, String> question = instruction == null ? TuningInstructions::identifyQuestion
                : q -> instruction;
        Map<String, Double> scores = LabelScores.score(model, prepared, question, LabelScores.known(), cancelled);
        SceneWeights effects = causalEffects(prepared, question, LabelScores.known(), top(scores), scores, 0,
                AnalysisListener.SILENT, cancelled);
        String attribution = null;
        for (LocatedSentiment l : whole.analysis().located()) {
            if (l.start() < w[1] && l.end() > w[0] && l.attribution() != null) {
                attribution = l.attribution();
                break;
            }
        }
        return new SegmentResult(index, w[0], w[1], frameTimes(prepared), scores, prepared.routing(), effects,
                SceneCues.empty(), attribution);
    }

    private Result tuned(VideoInfo info, PreparedVideo prepared, AnalysisListener listener,
                         BooleanSupplier cancelled) {
        listener.progress("label scores", 0.2);
        Function<String, String> identifyQuestion = TuningInstructions::identifyQuestion;
        Map<String, Double> scores = LabelScores.score(model, prepared, identifyQuestion, LabelScores.known(),
                cancelled);
        String top = top(scores);
        FullAnswer identify = ask(prepared, TuningInstructions.identifyQuestion(top), "identify", 0.35, 0.15,
                listener, cancelled);
        boolean fromAnswer = fromAnswer(identify.parsed(), scores);
        String label = fromAnswer ? identify.parsed().label() : top;
        SceneWeights effects = causalEffects(prepared, identifyQuestion, LabelScores.known(), label, scores, 0.5,
                listener, cancelled);
        String locateQ = TuningInstructions.locateQuestion(label);
        FullAnswer locate = ask(prepared, locateQ, "locate", 0.7, 0.15, listener, cancelled);
        String attributeQ = TuningInstructions.attributeQuestion(label);
        FullAnswer attribute = ask(prepared, attributeQ, "attribute", 0.85, 0.15, listener, cancelled);
        String attribution = attribute.text().isBlank() ? null : attribute.text().strip();
        List<LocatedSentiment> located = new ArrayList<>();
        for (ParsedAnswer.Span s : locate.parsed().spans()) {
            located.add(new LocatedSentiment(s.start(), s.end(), label, scores.get(label), attribution));
        }
        listener.progress("attribute", 1.0);
        List<Asked> asked = List.of(new Asked("identify", TuningInstructions.identifyQuestion(top), identify),
                new Asked("locate", locateQ, locate), new Asked("attribute", attributeQ, attribute));
        return new Result(analysis(info, prepared, scores, effects, attribution, located), asked, label,
                fromAnswer ? LabelSource.ANSWER : LabelSource.SCORES);
    }

    private Result single(VideoInfo info, PreparedVideo prepared, AnalysisListener listener,
                          BooleanSupplier cancelled) {
        FullAnswer answer = ask(prepared, instruction, "answer", 0.2, 0.5, listener, cancelled);
        listener.progress("label scores", 0.7);
        ParsedAnswer parsed = answer.parsed();
        List<String> labels = new ArrayList<>(LabelScores.known());
        boolean unknown = parsed.label() != null && !labels.contains(parsed.label());
        if (unknown) {
            labels.add(parsed.label());
        }
        Map<String, Double> scored = LabelScores.score(model, prepared, instruction, labels, cancelled);
        Map<String, Double> scores = new LinkedHashMap<>(scored);
        if (unknown) {
            scores.remove(parsed.label());
        }
        double labelScore = parsed.label() == null ? 0 : scored.get(parsed.label());
        SceneWeights effects = causalEffects(prepared, q -> instruction, labels, parsed.label(), scored, 0.8,
                listener, cancelled);
        listener.progress("causal effects", 1.0);
        return new Result(analysis(info, prepared, scores, effects, parsed.attribution(),
                parsed.located(labelScore)),
                List.of(new Asked("instruction", instruction, answer)), parsed.label(),
                parsed.label() == null ? null : LabelSource.ANSWER);
    }

    /** Asks one question in a fresh conversation; progress from {@code from} over {@code share}. */
    private FullAnswer ask(PreparedVideo prepared, String question, String phase, double from, double share,
                           AnalysisListener listener, BooleanSupplier cancelled) {
        GenerationSettings settings = model.settings(maxNewTokens);
        listener.progress(phase, from);
        int[] count = {0};
        FullAnswer answer = model.ask(prepared, List.of(), question, settings,
                text -> listener.progress(phase, from + share * Math.min(1, ++count[0] / (double) maxNewTokens)),
                cancelled);
        if (answer.cancelled()) {
            throw new VideoCancelledException(prepared.video(), 0, prepared.duration());
        }
        return answer;
    }

    /**
     * The causal effect of each scene on the reported label, as the small model's analysis defines it: the label's
     * probability from the real scene tokens minus its probability under do(scene j := the IEC dictionary's
     * expectation) ({@link PreparedVideo#interventions}), clamped to [-1, 1]; the labels scored as for
     * {@code scores}. Four more label scorings.
     *
     * @return the effects, or null without a scene block or without a label
     */
    private SceneWeights causalEffects(PreparedVideo prepared, Function<String, String> question, List<String> labels,
                                       String label, Map<String, Double> scores, double from,
                                       AnalysisListener listener, BooleanSupplier cancelled) {
        if (prepared.interventions() == null || label == null || !scores.containsKey(label)) {
            return null;
        }
        Map<Scene, Double> effect = new EnumMap<>(Scene.class);
        for (Scene scene : Scene.values()) {
            listener.progress("causal effects", from + 0.05 * scene.ordinal());
            Map<String, Double> intervened = LabelScores.score(model, prepared,
                    prepared.interventions().get(scene.ordinal()), question, labels, cancelled);
            effect.put(scene, Math.max(-1, Math.min(1, scores.get(label) - intervened.get(label))));
        }
        return SceneWeights.of(effect);
    }

    private VideoAnalysis analysis(VideoInfo info, PreparedVideo prepared, Map<String, Double> scores,
                                   SceneWeights effects, String attribution, List<LocatedSentiment> located) {
        SegmentResult segment = new SegmentResult(0, 0, prepared.duration(), frameTimes(prepared), scores,
                prepared.routing(), effects, SceneCues.empty(), attribution);
        List<AnalysisWarning> warnings = List.of();
        return new VideoAnalysis(info, model.info(), List.of(segment), located, warnings);
    }

    private static List<Double> frameTimes(PreparedVideo prepared) {
        List<Double> times = new ArrayList<>();
        for (double t : prepared.frameTimes()) {
            times.add(Double.isFinite(t) ? Math.max(0, t) : 0);
        }
        return times;
    }

    /** @return whether the identify answer names a known (scored) label, which then is the one reported */
    static boolean fromAnswer(ParsedAnswer parsed, Map<String, Double> scores) {
        return parsed.knownLabel() && scores.containsKey(parsed.label());
    }

    /** @return the label of the highest score (the first of equal ones) */
    static String top(Map<String, Double> scores) {
        String best = null;
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            if (best == null || e.getValue() > scores.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }
}
