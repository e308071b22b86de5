package org.omnisila.app.workbench.timeline;

import java.util.Arrays;

/**
 * Time spans sorted by start, searched by binary search: which spans overlap a time window (the visible part of
 * the timeline), which span holds a time, which span starts next or before. Spans may overlap; a running maximum
 * of the ends keeps the window search exact in that case. Pure, tested without JavaFX.
 *
 * <p>Drawing asks for {@link #firstOverlapping} and {@link #lastOverlapping} and visits only that range, so a
 * frame costs O(log n + visible spans), not O(n).
 */
public final class SpanIndex {
    private final double[] starts;
    private final double[] ends;
    /** maxEnd[i] = max(ends[0..i]): non-decreasing, so searchable even when spans overlap. */
    private final double[] maxEnd;

    /**
     * @param starts span starts, non-decreasing
     * @param ends   span ends, same length, each &gt;= its start
     */
    public SpanIndex(double[] starts, double[] ends) {
        if (starts.length != ends.length) {
            throw new IllegalArgumentException(starts.length + " starts but " + ends.length + " ends");
        }
        this.starts = starts.clone();
        this.ends = ends.clone();
        this.maxEnd = new double[ends.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < starts.length; i++) {
            if (i > 0 && starts[i] < starts[i - 1]) {
                throw new IllegalArgumentException("spans must be sorted by start; span " + i + " starts at "
                        + starts[i] + ", before span " + (i - 1) + " at " + starts[i - 1]);
            }
            max = Math.max(max, ends[i]);
            maxEnd[i] = max;
        }
    }

    public int size() {
        return starts.length;
    }

    public double start(int i) {
        return starts[i];
    }

    public double end(int i) {
        return ends[i];
    }

    /** @return the first index whose span may reach t0 (every span before it ends before t0) */
    public int firstOverlapping(double t0) {
        int lo = 0;
        int hi = maxEnd.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (maxEnd[mid] < t0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** @return the last index whose span starts at or before t1, or -1 */
    public int lastOverlapping(double t1) {
        int lo = 0;
        int hi = starts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= t1) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    /** @return the index of a span holding t (the last one starting at or before t), or -1 */
    public int at(double t) {
        for (int i = lastOverlapping(t); i >= 0 && maxEnd[i] >= t; i--) {
            if (ends[i] >= t) {
                return i;
            }
        }
        return -1;
    }

    /** @return the first span starting strictly after t (plus a microsecond), or -1 */
    public int nextAfter(double t) {
        int i = lastOverlapping(t + 1e-6) + 1;
        return i < starts.length ? i : -1;
    }

    /** @return the last span starting strictly before t (minus a microsecond), or -1 */
    public int previousBefore(double t) {
        int lo = 0;
        int hi = starts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < t - 1e-6) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }

    @Override
    public String toString() {
        return "SpanIndex" + Arrays.toString(starts);
    }
}
