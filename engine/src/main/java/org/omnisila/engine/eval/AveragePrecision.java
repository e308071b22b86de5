package org.omnisila.engine.eval;

/** Interpolated average precision as the PASCAL VOC 2011 devkit and ActivityNet's {@code interpolated_prec_rec}. */
public final class AveragePrecision {
    private AveragePrecision() {
    }

    /**
     * VOC-2011 AP: pad the curve with (recall 0, precision 0) in front and (recall 1, precision 0) behind, make
     * precision monotonically non-increasing from the right, then sum precision times the recall step at every
     * point where recall changes.
     *
     * @param precision precision after each ranked prediction, length n
     * @param recall    recall after each ranked prediction, length n, non-decreasing
     */
    public static double interpolated(double[] precision, double[] recall) {
        int n = precision.length;
        double[] mprec = new double[n + 2];
        double[] mrec = new double[n + 2];
        System.arraycopy(precision, 0, mprec, 1, n);
        System.arraycopy(recall, 0, mrec, 1, n);
        mrec[n + 1] = 1.0;
        for (int i = n; i >= 0; i--) {
            mprec[i] = Math.max(mprec[i], mprec[i + 1]);
        }
        double ap = 0;
        for (int i = 1; i < n + 2; i++) {
            if (mrec[i] != mrec[i - 1]) {
                ap += (mrec[i] - mrec[i - 1]) * mprec[i];
            }
        }
        return ap;
    }
}
