package org.omnisila.engine.eval;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribution metrics (VSA, paper section 4.4) over the ground-truth segments that carry a reference attribution.
 *
 * <p>Each such segment is paired with the prediction of the same video (score at least the threshold, any label)
 * of highest tIoU, if that tIoU reaches {@code minTiou}. Sem-R / ROUGE and Sem-C compare the prediction's
 * attribution with the reference (an unmatched reference scores 0); Sen-A counts the pair correct when the
 * label the attribution states (or, when it states none or several, the prediction's label) is the true label;
 * Atr-R is the mean over rated predictions (each once) of the mean of their recorded human ratings.
 */
public final class Attribution {
    private Attribution() {
    }

    /** The summary plus per-video means for significance tests. */
    public record Result(AttributionResult summary, Map<String, Double> perVideoSemR,
                         Map<String, Double> perVideoSemC) {
    }

    private record Pair(String video, GroundTruthSegment truth, PredictedSegment prediction) {
    }

    public static Result evaluate(GroundTruth gt, Predictions preds, double threshold, double minTiou,
                                  AttributionScorer scorer) {
        List<Pair> pairs = new ArrayList<>();
        for (GroundTruthVideo v : gt.videos().values()) {
            for (GroundTruthSegment g : v.segments()) {
                if (g.attribution() == null || g.attribution().isBlank()) {
                    continue;
                }
                PredictedSegment best = null;
                double bestIou = -1;
                for (PredictedSegment p : preds.of(v.id())) {
                    double iou = g.tiou(p);
                    if (p.score() >= threshold && iou >= minTiou && iou > bestIou) {
                        best = p;
                        bestIou = iou;
                    }
                }
                pairs.add(new Pair(v.id(), g, best));
            }
        }
        if (pairs.isEmpty()) {
            return null;
        }
        List<String> candidates = new ArrayList<>();
        List<String> references = new ArrayList<>();
        for (Pair p : pairs) {
            if (p.prediction() != null) {
                candidates.add(text(p.prediction()));
                references.add(p.truth().attribution());
            }
        }
        double[] cosines = scorer.cosine(candidates, references);
        List<String> labels = gt.labels();
        double r1 = 0;
        double r2 = 0;
        double rl = 0;
        double cos = 0;
        int correct = 0;
        int matched = 0;
        Map<PredictedSegment, Boolean> rated = new IdentityHashMap<>();
        double ratingSum = 0;
        int ratingCount = 0;
        Map<String, double[]> perVideo = new LinkedHashMap<>(); // video -> {sum Sem-R, sum Sem-C, n}
        for (Pair p : pairs) {
            double[] acc = perVideo.computeIfAbsent(p.video(), k -> new double[3]);
            acc[2]++;
            if (p.prediction() == null) {
                continue;
            }
            String candidate = text(p.prediction());
            double[] rouge = scorer.rougeF1(candidate, p.truth().attribution());
            double c = cosines[matched];
            matched++;
            r1 += rouge[0];
            r2 += rouge[1];
            rl += rouge[2];
            cos += c;
            acc[0] += rouge[2];
            acc[1] += c;
            String stated = scorer.statedLabel(candidate, labels);
            if ((stated != null ? stated : p.prediction().label()).equals(p.truth().label())) {
                correct++;
            }
            List<Double> ratings = p.prediction().ratings();
            if (!ratings.isEmpty() && rated.put(p.prediction(), Boolean.TRUE) == null) {
                ratingSum += ratings.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                ratingCount++;
            }
        }
        int n = pairs.size();
        Map<String, Double> semR = new LinkedHashMap<>();
        Map<String, Double> semC = new LinkedHashMap<>();
        perVideo.forEach((video, acc) -> {
            semR.put(video, acc[0] / acc[2]);
            semC.put(video, acc[1] / acc[2]);
        });
        AttributionResult summary = new AttributionResult(n, matched, r1 / n, r2 / n, rl / n, cos / n,
                correct / (double) n, ratingCount > 0 ? ratingSum / ratingCount : Double.NaN, ratingCount);
        return new Result(summary, semR, semC);
    }

    private static String text(PredictedSegment p) {
        return p.attribution() == null ? "" : p.attribution();
    }
}
