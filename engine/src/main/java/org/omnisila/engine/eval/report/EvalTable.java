package org.omnisila.engine.eval.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.omnisila.engine.eval.AttributionResult;
import org.omnisila.engine.eval.Diagnostic;
import org.omnisila.engine.eval.EvalReport;
import org.omnisila.engine.eval.FrameLevel;
import org.omnisila.engine.eval.Identification;
import org.omnisila.engine.eval.Localization;
import org.omnisila.engine.eval.PairedTTest;

/**
 * Plain-text tables of an {@link EvalReport}: the first in the shape of the paper's Table 1 (Acc, F2, FNRs,
 * mAP@tIoU and their mean, in percent), then the details behind it, then Table 2's attribution metrics.
 */
public final class EvalTable {
    private EvalTable() {
    }

    public static String format(EvalReport r) {
        StringBuilder b = new StringBuilder();
        double[] tious = r.options().tious();
        b.append(String.format(Locale.ROOT, "Ground truth: %s (subset %s: %d videos, %d segments)%n",
                r.groundTruthSource(), r.options().subset() == null ? "all" : r.options().subset(),
                r.videoIds().size(), r.groundTruthSegments()));
        b.append(String.format(Locale.ROOT, "Predictions:  %s (%d segments on these videos)%n%n",
                r.predictionSource(), r.predictedSegments()));

        b.append("Identification and localisation (paper Table 1; percent)\n");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %7s %7s %7s", "Acc", "F2", "FNRs↓"));
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %7s %7s %7s",
                pct(r.identification().accuracy()), pct(r.identification().weightedF2()), pct(r.frames().fnr())));
        for (int t = 0; t < tious.length; t++) {
            head.append(String.format(Locale.ROOT, " %8s", "mAP@" + trim(tious[t])));
            row.append(String.format(Locale.ROOT, " %8s", pct(r.localization().map()[t])));
        }
        head.append(String.format(Locale.ROOT, " %7s", "Avg"));
        row.append(String.format(Locale.ROOT, " %7s", pct(r.localization().averageMap())));
        b.append(head).append('\n').append(row).append("\n\n");

        b.append("Localisation by tIoU\n");
        b.append(String.format(Locale.ROOT, "  %6s %7s %13s %7s %7s %7s%n", "tIoU", "mAP", "segment F2*", "P*", "R*",
                "recall"));
        Localization.Result loc = r.localization();
        for (int t = 0; t < tious.length; t++) {
            b.append(String.format(Locale.ROOT, "  %6s %7s %13s %7s %7s %7s%n", trim(tious[t]), pct(loc.map()[t]),
                    pct(loc.segmentF2()[t]), pct(loc.precision()[t]), pct(loc.recallCurve()[t]),
                    pct(loc.recall()[t])));
        }
        b.append("  * TSL-300's segment-level F2 = 5PR/(4P+R) from the mean precision and recall curves;\n")
                .append("    the frame-level F2 of the Omni-SILA paper is below.\n\n");

        FrameLevel.Result f = r.frames();
        b.append(String.format(Locale.ROOT,
                "Frame level (%s; predicted segments with score >= %s)%n  F2 %s (macro over classes %s), "
                        + "FNRs %s over %s%n%n",
                f.sampling().describe(), trim(f.threshold()), pct(f.microF2()), pct(f.macroF2()), pct(f.fnr()),
                f.fnrLabels()));

        b.append("Per class\n");
        b.append(String.format(Locale.ROOT, "  %-24s %5s %6s", "label", "GT", "pred"));
        for (double t : tious) {
            b.append(String.format(Locale.ROOT, " %7s", "AP@" + trim(t)));
        }
        b.append(String.format(Locale.ROOT, " %7s %7s %7s %7s %7s %7s%n", "frm P", "frm R", "frm F2", "FNR", "id P",
                "id R"));
        Map<String, Identification.ClassResult> idByLabel = new java.util.HashMap<>();
        r.identification().classes().forEach(c -> idByLabel.put(c.label(), c));
        for (Localization.ClassResult c : loc.classes()) {
            b.append(String.format(Locale.ROOT, "  %-24s %5d %6d", cut(c.label(), 24), c.groundTruth(),
                    c.predictions()));
            for (int t = 0; t < tious.length; t++) {
                b.append(String.format(Locale.ROOT, " %7s", pct(c.ap()[t])));
            }
            FrameLevel.Counts k = f.classes().get(c.label());
            Identification.ClassResult id = idByLabel.get(c.label());
            b.append(String.format(Locale.ROOT, " %7s %7s %7s %7s %7s %7s%n", pct(k.precision()), pct(k.recall()),
                    pct(k.f2()), pct(k.falseNegativeRate()), id == null ? "-" : pct(id.precision()),
                    id == null ? "-" : pct(id.recall())));
        }
        b.append(String.format(Locale.ROOT, "  identification: Acc %s, F2 weighted %s, macro %s%n",
                pct(r.identification().accuracy()), pct(r.identification().weightedF2()),
                pct(r.identification().macroF2())));

        AttributionResult a = r.attribution();
        b.append('\n');
        if (a == null) {
            b.append("Attribution (paper Table 2): not computed: the ground truth has no \"attribution\" text\n");
        } else {
            b.append(String.format(Locale.ROOT,
                    "Attribution (paper Table 2; %d references, %d matched by a prediction)%n", a.references(),
                    a.matched()));
            b.append(String.format(Locale.ROOT, "  %7s %7s %7s %9s %9s %7s%n", "Sem-R", "Sem-C", "Sen-A",
                    "Atr-R", "ROUGE-1", "ROUGE-2"));
            b.append(String.format(Locale.ROOT, "  %7s %7s %7s %9s %9s %7s%n", frac(a.semR()), pct(a.semC()),
                    pct(a.senA()), Double.isNaN(a.atrR()) ? "-" : String.format(Locale.ROOT, "%.2f", a.atrR()),
                    frac(a.rouge1()), frac(a.rouge2())));
            b.append("  Sem-R is ROUGE-L F1 (a fraction, as the paper prints it); Sem-C and Sen-A in percent;"
                    + " Atr-R is the mean human rating (1-6)").append(a.ratings() > 0 ? " over " + a.ratings()
                    + " rated predictions" : ", none recorded").append(".\n");
        }
        List<Diagnostic> warnings = r.warnings();
        if (!warnings.isEmpty()) {
            b.append("\nWarnings\n");
            warnings.forEach(w -> b.append("  ").append(w).append('\n'));
        }
        return b.toString();
    }

    /** A table of paired t-tests of per-video scores, system A against system B. */
    public static String formatComparison(String a, String b, Map<String, PairedTTest.Result> tests) {
        StringBuilder s = new StringBuilder();
        s.append("Paired t-test on per-video scores (two-sided)\n  A: ").append(a).append("\n  B: ").append(b)
                .append('\n');
        s.append(String.format(Locale.ROOT, "  %-24s %6s %9s %9s %9s %8s %10s%n", "per-video score", "n", "mean A",
                "mean B", "A - B", "t", "p"));
        tests.forEach((name, t) -> s.append(String.format(Locale.ROOT, "  %-24s %6d %9s %9s %9s %8s %10s%n", name,
                t.n(), num(t.meanA()), num(t.meanB()), num(t.meanA() - t.meanB()), num(t.t()), pValue(t.p()))));
        return s.toString();
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", 100 * v);
    }

    static String frac(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "-";
        }
        return p < 1e-4 ? String.format(Locale.ROOT, "%.2e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
