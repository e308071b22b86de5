package org.omnisila.engine.eval;

/** A closed time interval in seconds, with the temporal IoU the ActivityNet evaluator uses. */
public interface TimeSpan {
    double start();

    double end();

    default double duration() {
        return end() - start();
    }

    /**
     * Temporal intersection over union, as ActivityNet's {@code segment_iou}: intersection clipped at 0, union =
     * both lengths minus the intersection. Two zero-length spans give 0/0; we return 0 there (the reference would
     * yield NaN, which never passes a threshold, so the matching is the same).
     */
    static double tiou(double s1, double e1, double s2, double e2) {
        double inter = Math.max(0.0, Math.min(e1, e2) - Math.max(s1, s2));
        double union = (e1 - s1) + (e2 - s2) - inter;
        return union > 0 ? inter / union : 0.0;
    }

    default double tiou(TimeSpan other) {
        return tiou(start(), end(), other.start(), other.end());
    }
}
