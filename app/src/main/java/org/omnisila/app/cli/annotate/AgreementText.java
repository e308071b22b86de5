package org.omnisila.app.cli.annotate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.review.AgreementReport;
import org.omnisila.annotator.review.Disagreement;
import org.omnisila.annotator.review.Judgement;
import org.omnisila.annotator.review.Kappa;
import org.omnisila.annotator.review.PeerImportReport;
import org.omnisila.annotator.review.RaterPair;

/** An agreement report as tables for the terminal ({@code omnisila annotate agreement}). */
final class AgreementText {

    private AgreementText() {
    }

    /**
     * Prints the imports, the kappas, the mean tIoU and the disagreements.
     *
     * @param items the project's item of each disagreement, in order (null where the project has none)
     */
    static void print(PrintWriter out, List<PeerImportReport> imports, AgreementReport report,
                             List<Item> items) {
        for (PeerImportReport imported : imports) {
            out.println("imported " + imported.summary());
        }
        out.println("raters: " + String.join(", ", report.raters()));
        if (report.raters().size() < 2) {
            out.println("only one rater: import another annotator's copy of the project with --peer OTHER.sila");
        }
        out.println();
        if (!report.pairs().isEmpty()) {
            out.println("Cohen's kappa (each pair of raters; labels, \"rejected\" for a rejected item)");
            Table pairs = new Table("rater A", "rater B", "items", "kappa", "kept by both", "mean tIoU");
            for (RaterPair pair : report.pairs()) {
                pairs.row(pair.raterA(), pair.raterB(), Integer.toString(pair.items()), kappa(pair.cohen()),
                        Integer.toString(pair.keptByBoth()), number(pair.meanTiou()));
            }
            pairs.print(out);
            out.println();
        }
        out.println("Fleiss' kappa (all raters, items every rater judged): " + report.fleiss().describe());
        out.println("mean tIoU of segments (items two raters both kept, " + report.tiouPairs() + " comparisons): "
                + number(report.meanTiou()));
        out.println();
        if (report.disagreements().isEmpty()) {
            out.println("no item is judged differently");
            return;
        }
        out.println("Items that disagree most (other labels first, then lowest tIoU)");
        List<String> header = new ArrayList<>(List.of("item", "video", "segment"));
        header.addAll(report.raters());
        header.add("lowest tIoU");
        Table table = new Table(header.toArray(String[]::new));
        for (int i = 0; i < report.disagreements().size(); i++) {
            Disagreement d = report.disagreements().get(i);
            Item item = items.get(i);
            List<String> row = new ArrayList<>();
            row.add(d.itemId() == null ? "-" : d.itemId().toString());
            row.add(item == null ? "-" : Path.of(item.videoPath()).getFileName().toString());
            row.add(item == null ? "-" : span(item.start(), item.end()));
            for (String rater : report.raters()) {
                Judgement j = d.judgements().get(rater);
                row.add(j == null ? "-" : j.rejected() ? "rejected" : j.label() + " " + span(j.start(), j.end()));
            }
            row.add(number(d.lowestTiou()));
            table.row(row.toArray(String[]::new));
        }
        table.print(out);
    }

    private static String kappa(Kappa kappa) {
        return kappa.defined() ? String.format(Locale.ROOT, "%.3f", kappa.value()) : "undefined: " + kappa.undefined();
    }

    static String number(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String span(double start, double end) {
        return String.format(Locale.ROOT, "%.2f-%.2f s", start, end);
    }
    /** Columns padded to their widest cell, two spaces apart. */
    private static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        void print(PrintWriter out) {
            int[] widths = new int[rows.get(0).length];
            for (String[] row : rows) {
                for (int c = 0; c < row.length; c++) {
                    widths[c] = Math.max(widths[c], row[c].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < row.length; c++) {
                    line.append(c == 0 ? "" : "  ").append(c == row.length - 1 ? row[c]
                            : String.format(Locale.ROOT, "%-" + widths[c] + "s", row[c]));
                }
                out.println(line.toString().stripTrailing());
            }
        }
    }
}
