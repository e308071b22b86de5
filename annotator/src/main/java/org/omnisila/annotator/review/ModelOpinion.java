package org.omnisila.annotator.review;

import java.time.Instant;
import java.util.Objects;

/**
 * What a model said about an item's segment: the label it finds most likely and its confidence in it, shown beside
 * the machine attribution in the review view and used to order the queue by uncertainty.
 *
 * @param model      the model's name (as {@code ModelInfo.name()}, e.g. {@code "ICM"}); not blank
 * @param label      the label the model gives the segment; not null
 * @param confidence the model's probability for that label, in [0, 1]
 * @param at         when the model was run; not null
 */
public record ModelOpinion(String model, String label, double confidence, Instant at) {

    /** Checks every field. */
    public ModelOpinion {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a model opinion needs the model's name");
        }
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(at, "at");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("a model's confidence must be in [0, 1], but was " + confidence);
        }
    }

    /** How unsure the model is: 1 - confidence. */
    public double uncertainty() {
        return 1 - confidence;
    }
}
