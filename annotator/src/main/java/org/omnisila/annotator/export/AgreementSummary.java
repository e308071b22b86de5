package org.omnisila.annotator.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.review.Agreement;
import org.omnisila.annotator.review.AgreementReport;
import org.omnisila.annotator.review.RaterPair;

/**
 * The annotators' agreement in a few sentences for the dataset card, computed from the project's own judgements and
 * the peer reviews imported into it ({@link Agreement#ofProject}); none when the project has only one rater.
 */
final class AgreementSummary {

    private AgreementSummary() {
    }

    /** @return the summary, or null when fewer than two raters judged the project's items */
    static String of(AnnotationProject project) {
        return of(Agreement.ofProject(project, 0));
    }

    static String of(AgreementReport report) {
        if (report.raters().size() < 2) {
            return null;
        }
        List<String> sentences = new ArrayList<>();
        sentences.add("Raters: " + String.join(", ", report.raters()) + ".");
        for (RaterPair pair : report.pairs()) {
            sentences.add("Cohen's kappa, " + pair.raterA() + " vs " + pair.raterB() + ": "
                    + pair.cohen().describe() + ".");
        }
        sentences.add("Fleiss' kappa: " + report.fleiss().describe() + ".");
        sentences.add(report.meanTiou() == null ? "Mean tIoU of segments: none kept by two raters."
                : String.format(Locale.ROOT, "Mean tIoU of segments: %.3f (%d comparisons).", report.meanTiou(),
                        report.tiouPairs()));
        return String.join(" ", sentences);
    }
}
