package org.omnisila.engine.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One evaluation run: checks the inputs against each other (warnings where the reference evaluators go on),
 * then computes the identification, localisation, frame-level and attribution metrics of paper section 4.4.
 */
public final class Evaluation {
    private static final int NAMED = 3;

    private Evaluation() {
    }

    /**
     * @param fullGt      the whole ground-truth file (the subset is taken here, so that predictions for videos
     *                    of other subsets can be told apart from unknown videos)
     * @param attribution scores attribution text; {@code null} skips the VSA metrics
     * @throws EvalInputException when the subset is empty or {@code diagnostics} already holds errors
     */
    public static EvalReport run(GroundTruth fullGt, Predictions preds, EvalOptions options,
                                 AttributionScorer attribution, Diagnostics diagnostics) {
        diagnostics.throwIfErrors();
        GroundTruth gt = fullGt.subset(options.subset());
        if (gt.videos().isEmpty()) {
            throw new EvalInputException(fullGt.source(), 0, "subset",
                    "no video of subset \"" + options.subset() + "\"; the file has " + fullGt.subsetCounts());
        }
        checkVideos(fullGt, gt, preds, diagnostics);
        checkLabels(gt, preds, diagnostics);

        List<String> fnrLabels = options.fnrLabels() != null ? options.fnrLabels()
                : FrameLevel.defaultFnrLabels(gt.labels());
        for (String l : fnrLabels) {
            if (!gt.labels().contains(l)) {
                diagnostics.warning(gt.source(), 0, "FNR classes", "\"" + l + "\" is not a class of the ground truth");
            }
        }
        Identification.Result id = Identification.evaluate(gt, preds, options.scoreThreshold());
        Localization.Result loc = Localization.evaluate(gt, preds, options.tious());
        FrameLevel.Result frames = FrameLevel.evaluate(gt, preds, options.sampling(), options.scoreThreshold(),
                fnrLabels);
        double minTiou = min(options.tious());
        Attribution.Result attr = attribution == null ? null
                : Attribution.evaluate(gt, preds, options.scoreThreshold(), minTiou, attribution);

        List<String> ids = new ArrayList<>(gt.videos().keySet());
        Map<String, double[]> perVideo = new LinkedHashMap<>();
        perVideo.put("identification correct", id.videos().stream().mapToDouble(v -> v.correct() ? 1 : 0).toArray());
        perVideo.put("frame F2", frames.videos().stream().mapToDouble(v -> {
            FrameLevel.Counts c = v.all();
            return c.truePositives() + c.falsePositives() + c.falseNegatives() == 0 ? Double.NaN : c.f2();
        }).toArray());
        perVideo.put("frame FNR", frames.videos().stream().mapToDouble(v -> v.costly().falseNegativeRate()).toArray());
        perVideo.put("best tIoU", ids.stream().mapToDouble(v -> meanBestTiou(gt.videos().get(v), preds,
                options.scoreThreshold())).toArray());
        if (attr != null) {
            perVideo.put("Sem-R", ids.stream().mapToDouble(v -> attr.perVideoSemR().getOrDefault(v, Double.NaN))
                    .toArray());
            perVideo.put("Sem-C", ids.stream().mapToDouble(v -> attr.perVideoSemC().getOrDefault(v, Double.NaN))
                    .toArray());
        }
        Set<String> gtIds = gt.videos().keySet();
        int predicted = preds.byVideo().entrySet().stream().filter(e -> gtIds.contains(e.getKey()))
                .mapToInt(e -> e.getValue().size()).sum();
        return new EvalReport(gt.source(), preds.source(), options, ids, gt.segmentCount(), predicted, id, loc,
                frames, attr == null ? null : attr.summary(), diagnostics.warnings(), perVideo);
    }

    /**
     * Mean over the video's ground-truth segments of the best tIoU reached by a prediction of the same label
     * with score at least the threshold; NaN for a video without ground truth.
     */
    static double meanBestTiou(GroundTruthVideo v, Predictions preds, double threshold) {
        if (v.segments().isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (GroundTruthSegment g : v.segments()) {
            double best = 0;
            for (PredictedSegment p : preds.of(v.id())) {
                if (p.score() >= threshold && p.label().equals(g.label())) {
                    best = Math.max(best, g.tiou(p));
                }
            }
            sum += best;
        }
        return sum / v.segments().size();
    }

    private static void checkVideos(GroundTruth fullGt, GroundTruth gt, Predictions preds, Diagnostics d) {
        List<String> unknown = new ArrayList<>();
        List<String> otherSubset = new ArrayList<>();
        int unknownSegments = 0;
        int otherSegments = 0;
        for (Map.Entry<String, List<PredictedSegment>> e : preds.byVideo().entrySet()) {
            if (gt.videos().containsKey(e.getKey()) || e.getValue().isEmpty()) {
                continue;
            }
            if (fullGt.videos().containsKey(e.getKey())) {
                otherSubset.add(e.getKey());
                otherSegments += e.getValue().size();
            } else {
                unknown.add(e.getKey());
                unknownSegments += e.getValue().size();
            }
        }
        if (!unknown.isEmpty()) {
            d.warning(preds.source(), line(preds, unknown.get(0)), "results", unknownSegments
                    + " predicted segments for " + unknown.size() + " videos not in the ground truth (" + names(unknown)
                    + "): counted as false positives, as the ActivityNet evaluator does");
        }
        if (!otherSubset.isEmpty()) {
            d.warning(preds.source(), line(preds, otherSubset.get(0)), "results", otherSegments
                    + " predicted segments for " + otherSubset.size() + " videos outside subset \""
                    + gt.videos().values().iterator().next().subset() + "\" (" + names(otherSubset)
                    + "): counted as false positives, as the ActivityNet evaluator does");
        }
        long silent = gt.videos().keySet().stream().filter(v -> preds.of(v).isEmpty()).count();
        if (silent > 0) {
            d.warning(preds.source(), 0, "results", silent + " of " + gt.videos().size()
                    + " evaluated videos have no predicted segment");
        }
    }

    private static void checkLabels(GroundTruth gt, Predictions preds, Diagnostics d) {
        Set<String> classes = new HashSet<>(gt.labels());
        Map<String, int[]> foreign = new TreeMap<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        Set<String> predicted = new HashSet<>();
        for (List<PredictedSegment> list : preds.byVideo().values()) {
            for (PredictedSegment p : list) {
                predicted.add(p.label());
                if (!classes.contains(p.label())) {
                    foreign.computeIfAbsent(p.label(), k -> new int[1])[0]++;
                    firstLine.putIfAbsent(p.label(), p.line());
                }
            }
        }
        foreign.forEach((label, n) -> d.warning(preds.source(), firstLine.get(label), "label \"" + label + "\"",
                n[0] + " predicted segments have a label that is not a class of the ground truth " + gt.labels()
                        + ": left out of mAP and frame metrics (the ActivityNet evaluator stops with KeyError)"));
        for (String c : gt.labels()) {
            if (!predicted.contains(c)) {
                d.warning(preds.source(), 0, "label \"" + c + "\"",
                        "no predicted segment of this class: its AP, P and R are 0 (the ActivityNet evaluator stops)");
            }
        }
    }

    private static int line(Predictions preds, String video) {
        List<PredictedSegment> l = preds.of(video);
        return l.isEmpty() ? 0 : l.get(0).line();
    }

    private static String names(List<String> ids) {
        String shown = String.join(", ", ids.subList(0, Math.min(NAMED, ids.size())));
        return ids.size() > NAMED ? shown + ", ..." : shown;
    }

    private static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }
}
