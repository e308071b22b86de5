package org.omnisila.engine.llm.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.omnisila.engine.analysis.AnalysisListener;
import org.omnisila.engine.api.AnalysisWarning;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.SceneCues;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.api.VideoInfo;
import org.omnisila.engine.instruct.Instruction;
import org.omnisila.engine.llm.GenerationSettings;
import org.omnisila.engine.llm.text.ParsedAnswer;
import org.omnisila.engine.video.VideoCancelledException;
import org.omnisila.engine.video.VideoProbe;

/**
 * {@code omnisila analyze} with the full model: the paper's instruction ({@link Instruction#PAPER}) answered about
 * the whole video, the answer parsed, and the label scored, into the result JSON's {@link VideoAnalysis}.
 *
 * <p>What the fields hold (docs/formats.md, "The full model's results"):
 * <ul>
 *   <li>one segment, the whole video [0, duration]: Video-LLaVA sees the video as one clip of eight frames, so
 *       there is nothing finer to report; {@code frameTimes} the eight frames' times; {@code sentimentScores} the
 *       {@link LabelScores} of the 15 known labels (the model's probabilities of the tuning answers, softmax over
 *       labels); {@code routing} the SBM's P for the video (null without a scene block); {@code causalEffect} null
 *       and {@code cues} empty (not computed); {@code attribution} the parsed attribution;</li>
 *   <li>{@code located}: one per span the answer names, with the answer's label and attribution; score the label's
 *       probability in {@code sentimentScores} (for a label outside the known ones: its probability scored beside
 *       them);</li>
 *   <li>{@code warnings}: none from decoding (the eight frames are read by seeking); the parser's warnings are
 *       returned in {@link Result#answer}.</li>
 * </ul>
 */
public final class FullAnalyzer {
    private final FullModel model;
    private final int maxNewTokens;

    /**
     * @param model        the loaded model
     * @param maxNewTokens the most tokens of the answer
     */
    public FullAnalyzer(FullModel model, int maxNewTokens) {
        this.model = model;
        this.maxNewTokens = maxNewTokens;
    }

    /** The result and the answer it was read from. */
    public record Result(VideoAnalysis analysis, FullAnswer answer) {
    }

    /**
     * @param video     the file
     * @param listener  phases "frames and scenes", "answer", "label scores"
     * @param cancelled polled per frame, per token and per label
     * @throws VideoCancelledException when cancelled
     */
    public Result analyze(Path video, AnalysisListener listener, BooleanSupplier cancelled) {
        VideoInfo info = VideoProbe.info(video);
        try (PreparedVideo prepared = model.prepare(video, f -> listener.progress("frames and scenes", 0.2 * f),
                cancelled)) {
            GenerationSettings settings = model.settings(maxNewTokens);
            int[] count = {0};
            FullAnswer answer = model.ask(prepared, List.of(), Instruction.PAPER, settings,
                    text -> listener.progress("answer", 0.2 + 0.5 * Math.min(1, ++count[0] / (double) maxNewTokens)),
                    cancelled);
            if (answer.cancelled()) {
                throw new VideoCancelledException(video, 0, prepared.duration());
            }
            listener.progress("label scores", 0.7);
            ParsedAnswer parsed = answer.parsed();
            List<String> labels = new ArrayList<>(LabelScores.known());
            boolean unknown = parsed.label() != null && !labels.contains(parsed.label());
            if (unknown) {
                labels.add(parsed.label());
            }
            Map<String, Double> scored = LabelScores.score(model, prepared, Instruction.PAPER, labels, cancelled);
            Map<String, Double> scores = new LinkedHashMap<>(scored);
            if (unknown) {
                scores.remove(parsed.label());
            }
            double labelScore = parsed.label() == null ? 0 : scored.get(parsed.label());
            List<LocatedSentiment> located = parsed.located(labelScore);
            List<Double> times = new ArrayList<>();
            for (double t : prepared.frameTimes()) {
                times.add(Double.isFinite(t) ? Math.max(0, t) : 0);
            }
            SegmentResult segment = new SegmentResult(0, 0, prepared.duration(), times, scores, prepared.routing(),
                    null, SceneCues.empty(), parsed.attribution());
            listener.progress("label scores", 1.0);
            List<AnalysisWarning> warnings = List.of();
            return new Result(new VideoAnalysis(info, model.info(), List.of(segment), located, warnings), answer);
        }
    }
}
