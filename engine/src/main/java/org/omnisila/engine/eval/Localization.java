package org.omnisila.engine.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Localisation metrics computed exactly as the ActivityNet detection evaluator (and TSL-300's copy of it) does.
 *
 * <p>Per class and tIoU threshold: predictions of that class are sorted by decreasing score (ties: later in file
 * order first, which is what the reference's {@code argsort()[::-1]} gives); each is matched greedily to the
 * ground truth of the same video and class with the highest tIoU that is not yet matched (tIoU ties: later
 * annotation first, again as {@code argsort()[::-1]}); the first candidate below the threshold ends the search
 * (false positive). AP is VOC-2011 interpolated ({@link AveragePrecision}); mAP is the mean over the ground
 * truth's classes. TSL-300's segment-level F2 is {@code 5PR/(4P+R)} where P and R are the means, over classes,
 * of the mean of each class's cumulative precision and recall curves.
 *
 * <p>Where the reference fails, we choose: a class of the ground truth with no predictions gets AP = P = R = 0
 * (the reference crashes); predictions whose label is not a ground-truth class are left out of every class
 * (the reference raises KeyError). Both are reported as warnings by {@link Evaluation}.
 */
public final class Localization {
    private Localization() {
    }

    /**
     * Per-class numbers, each array indexed like the tIoU thresholds.
     *
     * @param label         class name
     * @param groundTruth   ground-truth segments of the class
     * @param predictions   predicted segments of the class
     * @param ap            average precision
     * @param meanPrecision mean of the cumulative precision curve (TSL-300's {@code pr})
     * @param meanRecall    mean of the cumulative recall curve (TSL-300's {@code rc})
     * @param truePositives matched predictions after all predictions (recall = truePositives / groundTruth)
     */
    public record ClassResult(String label, int groundTruth, int predictions, double[] ap, double[] meanPrecision,
                              double[] meanRecall, int[] truePositives) {
    }

    /**
     * @param tious      the tIoU thresholds
     * @param classes    per-class results in the ground truth's class order
     * @param map        mAP per threshold (mean of AP over classes)
     * @param averageMap mean of {@code map}
     * @param segmentF2  TSL-300's segment-level F2 per threshold
     * @param precision  TSL-300's P per threshold (mean over classes of the mean precision curve)
     * @param recallCurve TSL-300's R per threshold (mean over classes of the mean recall curve)
     * @param recall     recall per threshold: matched ground truths of all classes / all ground truths
     */
    public record Result(double[] tious, List<ClassResult> classes, double[] map, double averageMap,
                         double[] segmentF2, double[] precision, double[] recallCurve, double[] recall) {
    }

    /** A prediction flattened for sorting: its video and its position in file order. */
    private record Ranked(int video, int order, double start, double end, double score) {
    }

    /**
     * @param gt      ground truth, already restricted to the evaluated subset
     * @param preds   predictions (videos outside {@code gt} count as false positives, as in the reference)
     * @param tious   thresholds, e.g. {0.1, 0.2, 0.3}
     */
    public static Result evaluate(GroundTruth gt, Predictions preds, double[] tious) {
        List<String> labels = gt.labels();
        Map<String, Integer> videoIndex = new HashMap<>();
        for (String id : gt.videos().keySet()) {
            videoIndex.put(id, videoIndex.size());
        }
        for (String id : preds.byVideo().keySet()) {
            videoIndex.putIfAbsent(id, videoIndex.size());
        }
        List<ClassResult> classes = new ArrayList<>();
        for (String label : labels) {
            classes.add(evaluateClass(label, gt, preds, videoIndex, tious));
        }
        return summarise(tious, classes);
    }

    private static ClassResult evaluateClass(String label, GroundTruth gt, Predictions preds,
                                             Map<String, Integer> videoIndex, double[] tious) {
        // Ground truth of this class grouped by video: [video][k] = {start, end}, in file order.
        Map<Integer, double[][]> gtByVideo = new HashMap<>();
        int npos = 0;
        for (GroundTruthVideo v : gt.videos().values()) {
            List<double[]> spans = new ArrayList<>();
            for (GroundTruthSegment s : v.segments()) {
                if (s.label().equals(label)) {
                    spans.add(new double[] {s.start(), s.end()});
                }
            }
            if (!spans.isEmpty()) {
                gtByVideo.put(videoIndex.get(v.id()), spans.toArray(new double[0][]));
                npos += spans.size();
            }
        }
        List<Ranked> ranked = new ArrayList<>();
        for (Map.Entry<String, List<PredictedSegment>> e : preds.byVideo().entrySet()) {
            int video = videoIndex.get(e.getKey());
            for (PredictedSegment p : e.getValue()) {
                if (p.label().equals(label)) {
                    ranked.add(new Ranked(video, ranked.size(), p.start(), p.end(), p.score()));
                }
            }
        }
        int t = tious.length;
        int n = ranked.size();
        if (n == 0) {
            return new ClassResult(label, npos, 0, new double[t], new double[t], new double[t], new int[t]);
        }
        // Decreasing score; ties: later file order first (reverse of a stable ascending sort).
        ranked.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score())
                : Integer.compare(b.order(), a.order()));

        Map<Integer, boolean[][]> lockByVideo = new HashMap<>();
        gtByVideo.forEach((video, spans) -> lockByVideo.put(video, new boolean[t][spans.length]));
        boolean[][] tp = new boolean[t][n];
        for (int i = 0; i < n; i++) {
            Ranked p = ranked.get(i);
            double[][] spans = gtByVideo.get(p.video());
            if (spans == null) {
                continue; // no ground truth of this class in the video: a false positive at every threshold
            }
            double[] iou = new double[spans.length];
            for (int k = 0; k < spans.length; k++) {
                iou[k] = TimeSpan.tiou(p.start(), p.end(), spans[k][0], spans[k][1]);
            }
            Integer[] order = byDecreasingTiou(iou);
            boolean[][] lock = lockByVideo.get(p.video());
            for (int ti = 0; ti < t; ti++) {
                for (int k : order) {
                    if (iou[k] < tious[ti]) {
                        break;
                    }
                    if (lock[ti][k]) {
                        continue;
                    }
                    tp[ti][i] = true;
                    lock[ti][k] = true;
                    break;
                }
            }
        }
        double[] ap = new double[t];
        double[] meanP = new double[t];
        double[] meanR = new double[t];
        int[] tps = new int[t];
        for (int ti = 0; ti < t; ti++) {
            double[] precision = new double[n];
            double[] recall = new double[n];
            int tpc = 0;
            double sumP = 0;
            double sumR = 0;
            for (int i = 0; i < n; i++) {
                if (tp[ti][i]) {
                    tpc++;
                }
                precision[i] = tpc / (double) (i + 1);
                recall[i] = npos > 0 ? tpc / (double) npos : 0.0;
                sumP += precision[i];
                sumR += recall[i];
            }
            ap[ti] = AveragePrecision.interpolated(precision, recall);
            meanP[ti] = sumP / n;
            meanR[ti] = sumR / n;
            tps[ti] = tpc;
        }
        return new ClassResult(label, npos, n, ap, meanP, meanR, tps);
    }

    /** Indices of {@code iou} by decreasing value; ties: higher index first (as {@code argsort()[::-1]}). */
    private static Integer[] byDecreasingTiou(double[] iou) {
        Integer[] order = new Integer[iou.length];
        for (int k = 0; k < iou.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> iou[a] != iou[b] ? Double.compare(iou[b], iou[a]) : Integer.compare(b, a));
        return order;
    }

    private static Result summarise(double[] tious, List<ClassResult> classes) {
        int t = tious.length;
        double[] map = new double[t];
        double[] pr = new double[t];
        double[] rc = new double[t];
        double[] f2 = new double[t];
        double[] recall = new double[t];
        int c = classes.size();
        int totalGt = classes.stream().mapToInt(ClassResult::groundTruth).sum();
        for (int ti = 0; ti < t; ti++) {
            int matched = 0;
            for (ClassResult r : classes) {
                map[ti] += r.ap()[ti] / c;
                pr[ti] += r.meanPrecision()[ti] / c;
                rc[ti] += r.meanRecall()[ti] / c;
                matched += r.truePositives()[ti];
            }
            f2[ti] = fBeta(pr[ti], rc[ti], 2);
            recall[ti] = totalGt > 0 ? matched / (double) totalGt : 0.0;
        }
        double avg = t == 0 ? 0 : Arrays.stream(map).average().orElse(0);
        return new Result(tious.clone(), List.copyOf(classes), map, avg, f2, pr, rc, recall);
    }

    /** F-beta = (1+b^2)PR / (b^2 P + R); 0 when both are 0. For b = 2: 5PR / (4P + R). */
    public static double fBeta(double precision, double recall, double beta) {
        double b2 = beta * beta;
        double d = b2 * precision + recall;
        return d > 0 ? (1 + b2) * precision * recall / d : 0.0;
    }

    /** Per-class results keyed by label, for lookups in reports. */
    public static Map<String, ClassResult> byLabel(Result r) {
        Map<String, ClassResult> m = new LinkedHashMap<>();
        r.classes().forEach(c -> m.put(c.label(), c));
        return m;
    }
}
