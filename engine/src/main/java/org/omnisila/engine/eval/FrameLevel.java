package org.omnisila.engine.eval;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Frame-level metrics: F2 and the false-negative rate (FNRs) of the Omni-SILA paper (section 4.4), which
 * count frames, not segments (contrast TSL-300's segment-level F2 in {@link Localization}).
 *
 * <p>A frame is a positive of class c when a ground-truth segment of c covers it, and predicted as c when a
 * predicted segment of c with score {@code >= threshold} covers it (see {@link FrameSampling} for which frames
 * exist). Per class: TP, FP, FN frames; P = TP/(TP+FP), R = TP/(TP+FN), F2 = 5PR/(4P+R).
 * FNRs = missed frames / positive frames, pooled over the classes whose misses are costly (the negative ones:
 * by default every class but positive, neutral and Normal; all classes when none is left).
 */
public final class FrameLevel {
    private FrameLevel() {
    }

    /** Frame counts of one class (or one video). */
    public record Counts(long truePositives, long falsePositives, long falseNegatives) {
        public long positives() {
            return truePositives + falseNegatives;
        }

        public double precision() {
            long d = truePositives + falsePositives;
            return d > 0 ? truePositives / (double) d : 0.0;
        }

        public double recall() {
            long d = positives();
            return d > 0 ? truePositives / (double) d : 0.0;
        }

        public double f2() {
            return Localization.fBeta(precision(), recall(), 2);
        }

        /** Missed frames / positive frames; NaN when there is no positive frame. */
        public double falseNegativeRate() {
            long d = positives();
            return d > 0 ? falseNegatives / (double) d : Double.NaN;
        }

        Counts plus(Counts o) {
            return new Counts(truePositives + o.truePositives, falsePositives + o.falsePositives,
                    falseNegatives + o.falseNegatives);
        }
    }

    /**
     * @param id         video id
     * @param frames     frames sampled
     * @param all        counts pooled over every class
     * @param costly     counts pooled over the FNR classes (for the per-video FNR)
     */
    public record VideoResult(String id, int frames, Counts all, Counts costly) {
    }

    /**
     * @param threshold  score threshold for a predicted frame
     * @param sampling   how frames were sampled
     * @param classes    counts per ground-truth class, in class order
     * @param microF2    F2 of counts pooled over classes
     * @param macroF2    mean over classes of per-class F2
     * @param fnrLabels  classes pooled into FNRs
     * @param fnr        FNRs (NaN when those classes have no positive frame)
     * @param videos     per-video counts, in ground-truth order
     */
    public record Result(double threshold, FrameSampling sampling, Map<String, Counts> classes, double microF2,
                         double macroF2, List<String> fnrLabels, double fnr, List<VideoResult> videos) {
    }

    private static final Set<String> NOT_COSTLY = Set.of("positive", "neutral", "normal");

    /** The default FNR classes: every label but positive, neutral and Normal; all when none is left. */
    public static List<String> defaultFnrLabels(List<String> labels) {
        List<String> costly = labels.stream().filter(l -> !NOT_COSTLY.contains(l.toLowerCase())).toList();
        return costly.isEmpty() ? labels : costly;
    }

    public static Result evaluate(GroundTruth gt, Predictions preds, FrameSampling sampling, double threshold,
                                  List<String> fnrLabels) {
        List<String> labels = gt.labels();
        Map<String, Integer> classIndex = new HashMap<>();
        labels.forEach(l -> classIndex.put(l, classIndex.size()));
        boolean[] costly = new boolean[labels.size()];
        for (String l : fnrLabels) {
            Integer c = classIndex.get(l);
            if (c != null) {
                costly[c] = true;
            }
        }
        Counts[] perClass = new Counts[labels.size()];
        java.util.Arrays.fill(perClass, new Counts(0, 0, 0));
        List<VideoResult> videos = new ArrayList<>();
        for (GroundTruthVideo v : gt.videos().values()) {
            double rate = sampling.rateFor(v);
            List<PredictedSegment> kept = preds.of(v.id()).stream()
                    .filter(p -> p.score() >= threshold && classIndex.containsKey(p.label())).toList();
            double duration = v.duration() > 0 ? v.duration() : lastEnd(v, kept);
            int frames = FrameSampling.frameCount(duration, rate);
            BitSet[] truth = new BitSet[labels.size()];
            BitSet[] predicted = new BitSet[labels.size()];
            for (int c = 0; c < labels.size(); c++) {
                truth[c] = new BitSet(frames);
                predicted[c] = new BitSet(frames);
            }
            for (GroundTruthSegment s : v.segments()) {
                mark(truth[classIndex.get(s.label())], s, rate, frames);
            }
            for (PredictedSegment p : kept) {
                mark(predicted[classIndex.get(p.label())], p, rate, frames);
            }
            Counts all = new Counts(0, 0, 0);
            Counts costlyCounts = new Counts(0, 0, 0);
            for (int c = 0; c < labels.size(); c++) {
                Counts k = count(truth[c], predicted[c]);
                perClass[c] = perClass[c].plus(k);
                all = all.plus(k);
                if (costly[c]) {
                    costlyCounts = costlyCounts.plus(k);
                }
            }
            videos.add(new VideoResult(v.id(), frames, all, costlyCounts));
        }
        Map<String, Counts> classes = new LinkedHashMap<>();
        Counts pooled = new Counts(0, 0, 0);
        Counts pooledCostly = new Counts(0, 0, 0);
        double macro = 0;
        for (int c = 0; c < labels.size(); c++) {
            classes.put(labels.get(c), perClass[c]);
            pooled = pooled.plus(perClass[c]);
            macro += perClass[c].f2() / labels.size();
            if (costly[c]) {
                pooledCostly = pooledCostly.plus(perClass[c]);
            }
        }
        List<String> used = labels.stream().filter(l -> costly[classIndex.get(l)]).toList();
        return new Result(threshold, sampling, classes, pooled.f2(), labels.isEmpty() ? 0 : macro, used,
                pooledCostly.falseNegativeRate(), videos);
    }

    private static double lastEnd(GroundTruthVideo v, List<PredictedSegment> preds) {
        double end = 0;
        for (GroundTruthSegment s : v.segments()) {
            end = Math.max(end, s.end());
        }
        for (PredictedSegment p : preds) {
            end = Math.max(end, p.end());
        }
        return end;
    }

    private static void mark(BitSet bits, TimeSpan span, double rate, int frames) {
        int from = Math.max(0, FrameSampling.firstFrameAtOrAfter(span.start(), rate));
        int to = Math.min(frames, FrameSampling.firstFrameAtOrAfter(span.end(), rate));
        if (from < to) {
            bits.set(from, to);
        }
    }

    private static Counts count(BitSet truth, BitSet predicted) {
        BitSet tp = (BitSet) truth.clone();
        tp.and(predicted);
        long t = tp.cardinality();
        return new Counts(t, predicted.cardinality() - t, truth.cardinality() - t);
    }
}
