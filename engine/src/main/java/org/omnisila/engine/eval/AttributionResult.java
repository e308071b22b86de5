package org.omnisila.engine.eval;

/**
 * Attribution metrics (VSA) over ground-truth segments that carry a reference attribution.
 *
 * @param references ground-truth segments with attribution text
 * @param matched    of those, how many a prediction matched (tIoU at least the smallest threshold)
 * @param rouge1     mean ROUGE-1 F1 (unmatched references count 0)
 * @param rouge2     mean ROUGE-2 F1
 * @param semR       Sem-R: mean ROUGE-L F1
 * @param semC       Sem-C: mean cosine of sentence embeddings (unmatched count 0); NaN when no embedder ran
 * @param senA       Sen-A: share of references whose matched attribution states the true label
 * @param atrR       Atr-R: mean over rated matched predictions of the mean of their human ratings (1-6); NaN
 *                   without ratings
 * @param ratings    how many rated predictions {@code atrR} averages
 */
public record AttributionResult(int references, int matched, double rouge1, double rouge2, double semR,
                                double semC, double senA, double atrR, int ratings) {
}
