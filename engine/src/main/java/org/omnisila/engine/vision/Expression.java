package org.omnisila.engine.vision;

import java.util.Arrays;

/**
 * The facial expression of one face: a probability for each of {@link ExpressionModel#LABELS}.
 *
 * @param probabilities 7 values summing to 1, in the order of {@link ExpressionModel#LABELS}
 */
public record Expression(float[] probabilities) {

    public Expression {
        if (probabilities.length != ExpressionModel.LABELS.size()) {
            throw new IllegalArgumentException("an expression has " + ExpressionModel.LABELS.size()
                    + " probabilities, got " + probabilities.length);
        }
        probabilities = probabilities.clone();
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** @return the most likely label (the first one on a tie) */
    public String label() {
        return ExpressionModel.LABELS.get(best());
    }

    /** @return the most likely label's probability */
    public float score() {
        return probabilities[best()];
    }

    /**
     * @param label one of {@link ExpressionModel#LABELS}
     * @return its probability
     */
    public float probability(String label) {
        int i = ExpressionModel.LABELS.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("unknown expression " + label + "; labels: " + ExpressionModel.LABELS);
        }
        return probabilities[i];
    }

    private int best() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expression e && Arrays.equals(e.probabilities, probabilities);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Expression[%s %.3f]", label(), score());
    }
}
