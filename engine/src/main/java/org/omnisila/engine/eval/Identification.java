package org.omnisila.engine.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Identification (VSI): one label per video, Acc and F2 (paper section 4.4; F2 because recall matters more).
 *
 * <p>A video's true label is its {@code "label"} field when the ground truth states one, else the label whose
 * segments cover the most time (the union of its segments), else {@value #NONE} for a video with no segment.
 * The predicted label is the prediction file's {@code "identification"} entry when present, else the same rule
 * over predicted segments with score {@code >= threshold}. Per class: P, R, F2 (5PR/(4P+R)); the headline F2 is
 * the support-weighted mean over true classes (scikit-learn's {@code average="weighted"}), the macro mean is
 * also given.
 */
public final class Identification {
    /** The label of a video with no sentiment segment. */
    public static final String NONE = "none";

    private Identification() {
    }

    /** @param support true videos of the class; @param predicted videos predicted as the class */
    public record ClassResult(String label, int support, int predicted, int correct) {
        public double precision() {
            return predicted > 0 ? correct / (double) predicted : 0.0;
        }

        public double recall() {
            return support > 0 ? correct / (double) support : 0.0;
        }

        public double f2() {
            return Localization.fBeta(precision(), recall(), 2);
        }
    }

    public record VideoResult(String id, String truth, String predicted) {
        public boolean correct() {
            return truth.equals(predicted);
        }
    }

    public record Result(double accuracy, double weightedF2, double macroF2, List<ClassResult> classes,
                         List<VideoResult> videos) {
    }

    public static Result evaluate(GroundTruth gt, Predictions preds, double threshold) {
        List<VideoResult> videos = new ArrayList<>();
        for (GroundTruthVideo v : gt.videos().values()) {
            String truth = v.label() != null ? v.label() : dominantLabel(v.segments(), s -> 1.0);
            String predicted = preds.videoLabels().get(v.id());
            if (predicted == null) {
                List<PredictedSegment> kept = preds.of(v.id()).stream().filter(p -> p.score() >= threshold).toList();
                predicted = dominantLabel(kept, PredictedSegment::score);
            }
            videos.add(new VideoResult(v.id(), truth, predicted));
        }
        Set<String> labels = new LinkedHashSet<>();
        videos.forEach(r -> labels.add(r.truth()));
        videos.forEach(r -> labels.add(r.predicted()));
        Map<String, int[]> counts = new LinkedHashMap<>();
        labels.forEach(l -> counts.put(l, new int[3]));
        int correct = 0;
        for (VideoResult r : videos) {
            counts.get(r.truth())[0]++;
            counts.get(r.predicted())[1]++;
            if (r.correct()) {
                counts.get(r.truth())[2]++;
                correct++;
            }
        }
        List<ClassResult> classes = new ArrayList<>();
        counts.forEach((l, c) -> classes.add(new ClassResult(l, c[0], c[1], c[2])));
        int n = videos.size();
        double weighted = 0;
        double macro = 0;
        int supported = 0;
        for (ClassResult c : classes) {
            if (c.support() > 0) {
                weighted += c.f2() * c.support() / n;
                macro += c.f2();
                supported++;
            }
        }
        return new Result(n > 0 ? correct / (double) n : 0.0, weighted, supported > 0 ? macro / supported : 0.0,
                classes, videos);
    }

    /** How strongly a segment speaks for its label when covered time ties. */
    public interface Weight<T> {
        double of(T segment);
    }

    /**
     * The label whose segments cover the most time (union of intervals, so overlapping proposals are not
     * counted twice); ties go to the label with the highest weight, then to the first label seen.
     */
    public static <T extends TimeSpan> String dominantLabel(List<T> segments, Weight<T> weight) {
        Map<String, List<T>> byLabel = new LinkedHashMap<>();
        for (T s : segments) {
            byLabel.computeIfAbsent(label(s), k -> new ArrayList<>()).add(s);
        }
        String best = NONE;
        double bestCover = -1;
        double bestWeight = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, List<T>> e : byLabel.entrySet()) {
            double cover = unionLength(e.getValue());
            double w = e.getValue().stream().mapToDouble(weight::of).max().orElse(0);
            if (cover > bestCover || (cover == bestCover && w > bestWeight)) {
                best = e.getKey();
                bestCover = cover;
                bestWeight = w;
            }
        }
        return best;
    }

    private static String label(TimeSpan s) {
        if (s instanceof GroundTruthSegment g) {
            return g.label();
        }
        return ((PredictedSegment) s).label();
    }

    static double unionLength(List<? extends TimeSpan> spans) {
        List<? extends TimeSpan> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingDouble(TimeSpan::start));
        double total = 0;
        double curStart = Double.NaN;
        double curEnd = Double.NaN;
        for (TimeSpan s : sorted) {
            if (Double.isNaN(curStart) || s.start() > curEnd) {
                if (!Double.isNaN(curStart)) {
                    total += curEnd - curStart;
                }
                curStart = s.start();
                curEnd = s.end();
            } else {
                curEnd = Math.max(curEnd, s.end());
            }
        }
        if (!Double.isNaN(curStart)) {
            total += curEnd - curStart;
        }
        return total;
    }
}
