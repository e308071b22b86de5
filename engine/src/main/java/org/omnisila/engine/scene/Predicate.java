package org.omnisila.engine.scene;

/**
 * The spatial relations {@link RelationRules} derives between two detected objects, in precedence order: when
 * several hold for one ordered pair, the first one listed is kept.
 */
public enum Predicate {
    /** A person over a bicycle, motorcycle or horse. */
    RIDING("riding", false),
    /** An object in one of a person's hand regions. */
    HOLDING("holding", false),
    /** The subject's bottom edge rests on the object's top part. */
    ON("on", false),
    /** Overlapping, the subject nearer the camera (lower bottom edge, or as low and larger). */
    IN_FRONT_OF("in front of", false),
    /** The boxes overlap or (almost) share an edge. */
    TOUCHING("touching", true),
    /** Close, but not touching. */
    NEAR("near", true);

    private final String text;
    private final boolean symmetric;

    Predicate(String text, boolean symmetric) {
        this.text = text;
        this.symmetric = symmetric;
    }

    /** @return how the predicate reads in a cue, e.g. {@code "in front of"} */
    public String text() {
        return text;
    }

    /** @return true when (a, p, b) implies (b, p, a); such a relation is reported once, for the better-scored subject */
    public boolean symmetric() {
        return symmetric;
    }
}
