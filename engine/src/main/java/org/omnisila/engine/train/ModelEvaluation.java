package org.omnisila.engine.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.data.SceneSegment;
import org.omnisila.engine.data.SceneVideo;
import org.omnisila.engine.eval.Diagnostics;
import org.omnisila.engine.eval.EvalOptions;
import org.omnisila.engine.eval.EvalReport;
import org.omnisila.engine.eval.Evaluation;
import org.omnisila.engine.eval.FrameSampling;
import org.omnisila.engine.eval.GroundTruth;
import org.omnisila.engine.eval.GroundTruthSegment;
import org.omnisila.engine.eval.GroundTruthVideo;
import org.omnisila.engine.eval.PredictedSegment;
import org.omnisila.engine.eval.Predictions;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.icm.IcmOutputs;

/**
 * Runs the model over videos of a scene-feature data set and scores it with the evaluation suite: the events
 * are the ground truth, the decoded located segments the predictions (frames at the data's frame rate).
 */
public final class ModelEvaluation {
    private ModelEvaluation() {
    }

    /** The model's outputs for one video, as plain arrays. */
    public record VideoOutput(SceneVideo video, float[][] labelProbs, float[] presence, float[][] routing,
                              List<LocatedSentiment> located) {
        /** Share of segments whose most probable label is the true one. */
        public int correctSegments(List<String> labels) {
            int n = 0;
            for (int i = 0; i < labelProbs.length; i++) {
                int best = 0;
                for (int c = 1; c < labelProbs[i].length; c++) {
                    best = labelProbs[i][c] > labelProbs[i][best] ? c : best;
                }
                n += labels.get(best).equals(video.segments().get(i).label()) ? 1 : 0;
            }
            return n;
        }
    }

    public static VideoOutput run(IcmModel model, NDManager manager, SceneVideo video, double threshold) {
        IcmConfig c = model.config();
        try (NDManager sub = manager.newSubManager()) {
            NDList out = model.forward(new ParameterStore(sub, false),
                    VideoTensors.inputs(sub, video, c.sceneWidths(), c.frames()), false);
            IcmOutputs o = IcmOutputs.of(out);
            float[][] probs = o.labelProbs();
            float[] presence = o.presence();
            float[][] routing = o.routing();
            double[] starts = video.segments().stream().mapToDouble(SceneSegment::start).toArray();
            double[] ends = video.segments().stream().mapToDouble(SceneSegment::end).toArray();
            List<LocatedSentiment> located = SegmentDecoder.decode(starts, ends, presence, probs, c.labels(),
                    SegmentDecoder.backgroundIndex(c.labels()), threshold);
            return new VideoOutput(video, probs, presence, routing, located);
        }
    }

    public static List<VideoOutput> run(IcmModel model, NDManager manager, List<SceneVideo> videos, double threshold) {
        List<VideoOutput> out = new ArrayList<>();
        for (SceneVideo v : videos) {
            out.add(run(model, manager, v, threshold));
        }
        return out;
    }

    /** The evaluation suite on these outputs, frames sampled at frames / segment length. */
    public static EvalReport report(List<VideoOutput> outputs, int frames, String name) {
        EvalOptions options = new EvalOptions("test", EvalOptions.PAPER_TIOUS, FrameSampling.videoFps(),
                SegmentDecoder.DEFAULT_THRESHOLD, null);
        return Evaluation.run(groundTruth(outputs, frames, name), predictions(outputs, name), options, null,
                new Diagnostics());
    }

    /** The videos' events as ground truth (subset "test"), with duration and frame rate = frames / segment. */
    public static GroundTruth groundTruth(List<VideoOutput> outputs, int frames, String name) {
        Map<String, GroundTruthVideo> gt = new LinkedHashMap<>();
        double fps = 4;
        for (VideoOutput o : outputs) {
            SceneVideo v = o.video();
            if (!v.segments().isEmpty()) {
                SceneSegment first = v.segments().get(0);
                fps = frames / (first.end() - first.start());
            }
            List<GroundTruthSegment> events = v.events().stream()
                    .map(e -> new GroundTruthSegment(e.start(), e.end(), e.label(), null, 0)).toList();
            gt.put(v.id(), new GroundTruthVideo(v.id(), "test", events, null, v.duration(), fps, 0));
        }
        return new GroundTruth(name, gt);
    }

    /** The decoded located segments as predictions. */
    public static Predictions predictions(List<VideoOutput> outputs, String name) {
        Map<String, List<PredictedSegment>> preds = new LinkedHashMap<>();
        for (VideoOutput o : outputs) {
            preds.put(o.video().id(), o.located().stream()
                    .map(l -> new PredictedSegment(l.start(), l.end(), l.label(), l.score())).toList());
        }
        return new Predictions(name, preds, Map.of());
    }
}
