package org.omnisila.engine.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.omnisila.engine.api.AnalysisWarning;
import org.omnisila.engine.api.Cue;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.api.SceneCues;
import org.omnisila.engine.api.SceneWeights;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.api.VideoInfo;
import org.omnisila.engine.icm.CueAttribution;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.icm.IcmOutputs;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.train.SegmentDecoder;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.VideoCancelledException;
import org.omnisila.engine.video.VideoProbe;

/**
 * One video end to end: decode once and extract the four scenes per segment, run the ICM over the video's
 * segments, and assemble the result: per segment the label probabilities, routing weights P, causal effects of
 * the interventions do(x_j), ranked cues (gradient x input relevance per cue slot) and a composed attribution
 * sentence; the located sentiments from the presence head.
 *
 * <p>Progress: decoding and scene extraction are 90% of the work, the model the rest. Cancellation is checked
 * per frame while decoding and between the model's steps.
 */
public final class VideoAnalyzer {
    /** Share of the progress bar for decoding and extraction; the model takes the rest. */
    private static final double DECODE_SHARE = 0.9;

    private final IcmModel model;
    private final ModelInfo modelInfo;
    private final List<SceneExtractor> extractors;
    private final SceneCollection collection;
    private final int cuesPerScene;
    private final NDManager manager;

    /**
     * @param model      an initialised ICM with its dictionary, on {@code manager}'s device
     * @param modelInfo  what the result records of the model
     * @param extractors one per scene, in scene order face, action, object, background, whose widths are the
     *                   model's scene widths
     * @param plan       segment length and frames per segment
     * @param cuesPerScene at most this many cues per scene and segment in the result
     * @param cache      scene features kept between runs, or null to extract every time
     * @throws IllegalArgumentException when an extractor's width differs from the model's (a checkpoint trained
     *                                  on other features), naming both
     */
    public VideoAnalyzer(IcmModel model, ModelInfo modelInfo, List<SceneExtractor> extractors, SegmentPlan plan,
                         int cuesPerScene, SceneCache cache, NDManager manager) {
        if (extractors.size() != IcmConfig.SCENES) {
            throw new IllegalArgumentException("4 scene extractors needed, got " + extractors.size());
        }
        List<Integer> widths = extractors.stream().map(SceneExtractor::width).toList();
        if (!widths.equals(model.config().sceneWidths())) {
            throw new IllegalArgumentException("the model expects scene widths " + model.config().sceneWidths()
                    + " (face, action, object, background) but the extractors give " + widths
                    + ": the checkpoint was trained on other features");
        }
        this.model = model;
        this.modelInfo = modelInfo;
        this.extractors = List.copyOf(extractors);
        this.collection = new SceneCollection(extractors, plan, cache);
        this.cuesPerScene = cuesPerScene;
        this.manager = manager;
    }

    /**
     * @throws org.omnisila.engine.video.VideoFormatException when the file cannot be analysed at all
     * @throws VideoCancelledException when {@code cancelled} turned true
     */
    public AnalysisOutcome analyze(Path video, AnalysisListener listener, BooleanSupplier cancelled) {
        VideoInfo info = VideoProbe.info(video);
        CollectedVideo collected = collection.collect(video, info.sha256(),
                f -> listener.progress("decoding and scene extraction", DECODE_SHARE * f), cancelled);
        List<CollectedSegment> segments = collected.segments();
        listener.progress("model", DECODE_SHARE);
        if (cancelled.getAsBoolean()) {
            throw new VideoCancelledException(video, info.duration(), info.duration());
        }
        List<SegmentResult> results = new ArrayList<>();
        List<LocatedSentiment> located = List.of();
        if (!segments.isEmpty()) {
            try (NDManager sub = manager.newSubManager()) {
                Outputs out = run(sub, segments);
                results = assemble(segments, out);
                located = locate(segments, out, results);
            }
        }
        listener.progress("done", 1.0);
        List<AnalysisWarning> warnings = collected.warnings().stream()
                .map(w -> new AnalysisWarning(w.kind().name(), w.start(), w.end(), w.message())).toList();
        return new AnalysisOutcome(new VideoAnalysis(info, modelInfo, results, located, warnings),
                collected.warnings());
    }

    /** The model's outputs as plain arrays. */
    private record Outputs(float[][] probs, float[] presence, float[][] routing, List<float[][]> intervened,
                           List<float[][][]> slotWeights) {
    }

    private Outputs run(NDManager sub, List<CollectedSegment> segments) {
        IcmConfig c = model.config();
        NDList x = SceneTensors.of(sub, segments, c.sceneWidths(), c.frames());
        ParameterStore ps = new ParameterStore(sub, false);
        IcmOutputs o = IcmOutputs.of(model.forward(ps, x, false));
        List<float[][]> intervened = new ArrayList<>();
        for (NDArray p : model.interventions(ps, x)) {
            intervened.add(IcmOutputs.rows(p));
        }
        NDList relevance = CueAttribution.relevance(model, x);
        List<float[][][]> slotWeights = new ArrayList<>();
        for (int j = 0; j < IcmConfig.SCENES; j++) {
            slotWeights.add(CueAttribution.slotWeights(relevance.get(j), extractors.get(j).slots()));
        }
        return new Outputs(o.labelProbs(), o.presence(), o.routing(), intervened, slotWeights);
    }

    private List<SegmentResult> assemble(List<CollectedSegment> segments, Outputs out) {
        List<String> labels = model.config().labels();
        List<SegmentResult> results = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            CollectedSegment seg = segments.get(i);
            Map<String, Double> scores = new LinkedHashMap<>();
            int top = 0;
            for (int c = 0; c < labels.size(); c++) {
                scores.put(labels.get(c), (double) out.probs()[i][c]);
                top = out.probs()[i][c] > out.probs()[i][top] ? c : top;
            }
            float[] p = out.routing()[i];
            SceneWeights routing = new SceneWeights(p[0], p[1], p[2], p[3]);
            double[] effect = new double[IcmConfig.SCENES];
            double total = 0;
            for (int j = 0; j < IcmConfig.SCENES; j++) {
                effect[j] = Math.max(-1, Math.min(1, out.probs()[i][top] - out.intervened().get(j)[i][top]));
                for (float[] frame : out.slotWeights().get(j)[i]) {
                    for (float w : frame) {
                        total += w;
                    }
                }
            }
            List<List<Cue>> cues = new ArrayList<>();
            for (int j = 0; j < IcmConfig.SCENES; j++) {
                cues.add(total > 0 ? CueRanking.rank(seg.scenes().get(j), out.slotWeights().get(j)[i],
                        seg.frameTimes(), total, cuesPerScene) : List.of());
            }
            List<Double> times = new ArrayList<>();
            for (double t : seg.frameTimes()) {
                times.add(Math.max(0, t));
            }
            SegmentResult draft = new SegmentResult(i, seg.segment().start(), seg.segment().end(), times, scores,
                    routing, new SceneWeights(effect[0], effect[1], effect[2], effect[3]),
                    new SceneCues(cues.get(0), cues.get(1), cues.get(2), cues.get(3)), null);
            results.add(new SegmentResult(i, draft.start(), draft.end(), draft.frameTimes(), scores, routing,
                    draft.causalEffect(), draft.cues(), AttributionText.compose(draft)));
        }
        return results;
    }

    private List<LocatedSentiment> locate(List<CollectedSegment> segments, Outputs out, List<SegmentResult> results) {
        List<String> labels = model.config().labels();
        double[] starts = segments.stream().mapToDouble(g -> g.segment().start()).toArray();
        double[] ends = segments.stream().mapToDouble(g -> g.segment().end()).toArray();
        List<LocatedSentiment> located = new ArrayList<>();
        for (LocatedSentiment l : SegmentDecoder.decode(starts, ends, out.presence(), out.probs(), labels,
                SegmentDecoder.backgroundIndex(labels), SegmentDecoder.DEFAULT_THRESHOLD)) {
            located.add(new LocatedSentiment(l.start(), l.end(), l.label(), l.score(),
                    strongest(results, l).attribution()));
        }
        return located;
    }

    /** The segment inside a located span whose probability of the span's label is highest. */
    private static SegmentResult strongest(List<SegmentResult> results, LocatedSentiment l) {
        SegmentResult best = null;
        for (SegmentResult r : results) {
            if (r.start() >= l.start() && r.end() <= l.end()
                    && (best == null || r.sentimentScores().get(l.label()) > best.sentimentScores().get(l.label()))) {
                best = r;
            }
        }
        return best;
    }
}
