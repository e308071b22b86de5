package org.omnisila.annotator.review;

import java.util.List;

/**
 * How far two or more raters agree on the same items (docs/annotation-guide.md, "Agreement").
 *
 * @param raters        the raters, in order (for a project: its own annotator first, then the peers by name)
 * @param pairs         each pair of raters: Cohen's kappa and mean tIoU
 * @param fleiss        Fleiss' kappa over the items every rater judged
 * @param meanTiou      mean tIoU of the segments over every pair of raters and every item both kept; null when no
 *                      item was kept by two raters
 * @param tiouPairs     how many (pair of raters, item) segment comparisons the mean is over
 * @param disagreements the items that disagree most, most first: label disagreement first (more categories first),
 *                      then lowest tIoU
 */
public record AgreementReport(List<String> raters, List<RaterPair> pairs, Kappa fleiss, Double meanTiou,
                              int tiouPairs, List<Disagreement> disagreements) {

    /** Copies the lists (unmodifiable). */
    public AgreementReport {
        raters = List.copyOf(raters);
        pairs = List.copyOf(pairs);
        disagreements = List.copyOf(disagreements);
    }
}
