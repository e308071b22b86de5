package org.omnisila.annotator.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.omnisila.engine.api.SentimentLabels;

/**
 * What the vision model is asked, in the spirit of the paper's data construction (section 4.1): describe the frames
 * of a segment from the four scene aspects (facial expression, human action, object relations / image region,
 * visual background), summarise them into the attribution of the visual sentiment, and name the sentiment, as one
 * JSON object of fixed fields ({@link AttributionAnswer}) so that the answer can be imported without a person
 * retyping it.
 *
 * @param labels the sentiment labels the answer may use, canonical names ({@link SentimentLabels}); not empty
 */
public record AttributionPrompt(List<String> labels) {

    /** Explicit and implicit labels together: what the product knows. */
    public static final AttributionPrompt ALL_LABELS = new AttributionPrompt(all());
    /** TSL-300's explicit sentiment. */
    public static final AttributionPrompt EXPLICIT = new AttributionPrompt(SentimentLabels.EXPLICIT);
    /** The surveillance data's implicit sentiment (CUVA's twelve classes). */
    public static final AttributionPrompt IMPLICIT = new AttributionPrompt(SentimentLabels.IMPLICIT);

    /** Copies the labels, which must be canonical. */
    public AttributionPrompt {
        labels = List.copyOf(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("the prompt needs at least one sentiment label");
        }
        for (String label : labels) {
            if (!SentimentLabels.canonical(label).equals(label)) {
                throw new IllegalArgumentException("\"" + label + "\" is not a canonical sentiment label; use \""
                        + SentimentLabels.canonical(label) + "\"");
            }
        }
    }

    /** The instructions, sent as the system message. */
    public String system() {
        return """
                You annotate visual sentiment in video for a research data set. You are shown the frames of one \
                short segment of a video, in time order. Look at them together, as a clip, and attribute the \
                visual sentiment they show from four scene aspects:
                - face: the facial expressions of the people (who shows what expression); empty if no face can be \
                seen.
                - action: what the people do, their gestures, posture and movement; empty if there are no people.
                - object: the objects and how they relate to the people and to each other, the image regions that \
                matter; write relations as "subject - relation - object" where that is clearer.
                - background: the setting, the place, light, weather and atmosphere.
                Then write a summary: one or two sentences saying which of these cues carry the sentiment and why, \
                and choose the sentiment label.
                Describe only what can be seen in the frames; do not guess names, and do not invent sound or text \
                that is not visible.
                Answer with exactly one JSON object and nothing else, with these six string fields:
                {"face": "...", "action": "...", "object": "...", "background": "...", "summary": "...", \
                "sentiment": "..."}
                The sentiment must be exactly one of: %s.
                """.formatted(String.join(", ", labels));
    }

    /**
     * The text of the user message, which the frames follow.
     *
     * @param start      segment start, seconds
     * @param end        segment end, seconds
     * @param frames     how many frames follow
     * @param knownLabel the label an annotator already gave this segment (ground truth), or null
     */
    public String user(double start, double end, int frames, String knownLabel) {
        String text = String.format(Locale.ROOT, "These are %d frames, evenly spaced, of the segment from %.2f s to"
                + " %.2f s of a video. Attribute its visual sentiment from the four scene aspects and answer with"
                + " the JSON object.", frames, start, end);
        if (knownLabel != null) {
            text += " An annotator labelled this segment \"" + knownLabel + "\": describe the evidence for it that"
                    + " the frames show, but give the label you see yourself in \"sentiment\".";
        }
        return text;
    }

    /** The allowed label equal to a given one ignoring case and TSL-300's short forms, or null when none is. */
    public String allowedLabel(String answered) {
        if (answered == null || answered.isBlank()) {
            return null;
        }
        String canonical = SentimentLabels.canonical(answered.strip());
        for (String label : labels) {
            if (label.equalsIgnoreCase(canonical)) {
                return label;
            }
        }
        return null;
    }

    private static List<String> all() {
        List<String> all = new ArrayList<>(SentimentLabels.EXPLICIT);
        all.addAll(SentimentLabels.IMPLICIT);
        return all;
    }
}
