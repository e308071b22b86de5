package org.omnisila.annotator.review;

/**
 * How two raters agree.
 *
 * @param raterA     the first rater (in the report's order of raters)
 * @param raterB     the second
 * @param items      items both judged
 * @param cohen      Cohen's kappa on the categories (labels, "rejected" for rejected items) of those items
 * @param keptByBoth items both kept (neither rejected): those the segments are compared on
 * @param meanTiou   mean tIoU of the two raters' segments over the items both kept; null when there are none
 */
public record RaterPair(String raterA, String raterB, int items, Kappa cohen, int keptByBoth, Double meanTiou) {
}
