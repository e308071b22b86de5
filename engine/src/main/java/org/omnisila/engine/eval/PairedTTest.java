package org.omnisila.engine.eval;

/**
 * Paired t-test on per-video scores of two systems, as the paper reports p-values (section 4.4).
 * d_i = a_i - b_i; t = mean(d) / (sd(d) / sqrt(n)) with the n-1 standard deviation; df = n - 1; p two-sided.
 * Pairs where either score is NaN (undefined for that video) are dropped.
 */
public final class PairedTTest {
    private PairedTTest() {
    }

    /**
     * @param n        pairs used
     * @param meanA    mean of the first system's scores over those pairs
     * @param meanB    mean of the second's
     * @param t        t statistic (positive when A is higher); NaN when n < 2 or every difference is 0
     * @param df       degrees of freedom
     * @param p        two-sided p-value; 1 when every difference is 0, NaN when n < 2
     */
    public record Result(int n, double meanA, double meanB, double t, double df, double p) {
    }

    public static Result test(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + a.length + " vs " + b.length);
        }
        int n = 0;
        double sumA = 0;
        double sumB = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                n++;
                sumA += a[i];
                sumB += b[i];
            }
        }
        if (n < 2) {
            return new Result(n, n > 0 ? sumA / n : Double.NaN, n > 0 ? sumB / n : Double.NaN, Double.NaN,
                    n - 1, Double.NaN);
        }
        double meanD = (sumA - sumB) / n;
        double ss = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
                double dev = (a[i] - b[i]) - meanD;
                ss += dev * dev;
            }
        }
        double sd = Math.sqrt(ss / (n - 1));
        double df = n - 1;
        if (sd == 0) {
            double t = meanD == 0 ? Double.NaN : Math.copySign(Double.POSITIVE_INFINITY, meanD);
            return new Result(n, sumA / n, sumB / n, t, df, meanD == 0 ? 1.0 : 0.0);
        }
        double t = meanD / (sd / Math.sqrt(n));
        return new Result(n, sumA / n, sumB / n, t, df, StudentT.twoSidedP(t, df));
    }
}
