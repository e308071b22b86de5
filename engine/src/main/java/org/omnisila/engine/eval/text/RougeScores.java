package org.omnisila.engine.eval.text;

/**
 * ROUGE-1, ROUGE-2 and ROUGE-L of one candidate text against one reference text.
 *
 * @param rouge1 unigram overlap
 * @param rouge2 bigram overlap
 * @param rougeL longest common subsequence of the token sequences (sentence level, not "Lsum")
 */
public record RougeScores(Score rouge1, Score rouge2, Score rougeL) {

    /**
     * One ROUGE variant: fractions in [0, 1].
     *
     * @param precision matches / tokens (or n-grams) of the candidate
     * @param recall matches / tokens (or n-grams) of the reference
     * @param f1 2PR / (P + R), 0 when P + R = 0
     */
    public record Score(double precision, double recall, double f1) {

        /** All zero: what an empty candidate or reference scores. */
        public static final Score ZERO = new Score(0, 0, 0);

        public Score {
            if (!(precision >= 0 && precision <= 1 && recall >= 0 && recall <= 1 && f1 >= 0 && f1 <= 1)) {
                throw new IllegalArgumentException(
                        "scores must lie in [0, 1]: P=" + precision + " R=" + recall + " F=" + f1);
            }
        }

        /**
         * @param matches matched tokens or n-grams
         * @param candidateCount tokens or n-grams of the candidate
         * @param referenceCount tokens or n-grams of the reference
         * @return P = matches / max(candidateCount, 1), R = matches / max(referenceCount, 1), their F1
         */
        static Score of(long matches, long candidateCount, long referenceCount) {
            double p = (double) matches / Math.max(candidateCount, 1);
            double r = (double) matches / Math.max(referenceCount, 1);
            return new Score(p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
        }
    }
}
