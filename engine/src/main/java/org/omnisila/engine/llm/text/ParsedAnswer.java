package org.omnisila.engine.llm.text;

import java.util.ArrayList;
import java.util.List;
import org.omnisila.engine.api.LocatedSentiment;

/**
 * What {@link AnswerParser} read from a model's answer. Every part may be missing; the raw text is always kept.
 *
 * @param raw         the answer as generated
 * @param kind        "implicit" or "explicit" when the answer says which, else null
 * @param label       the sentiment: a canonical label of {@link org.omnisila.engine.api.SentimentLabels} when
 *                    {@code knownLabel}, else the words the answer used; null when it names none
 * @param knownLabel  whether {@code label} is one of the known labels
 * @param spans       the time spans it names, seconds, in the order written, clipped to the video; may be empty
 * @param attribution the attribution text, or null
 * @param warnings    what was odd (an unknown label, a span past the video's end, a reversed span), in words
 */
public record ParsedAnswer(String raw, String kind, String label, boolean knownLabel, List<Span> spans,
                           String attribution, List<String> warnings) {

    /** A time span, seconds: 0 &lt;= start &lt;= end. */
    public record Span(double start, double end) {
    }

    /** Copies the lists (unmodifiable). */
    public ParsedAnswer {
        spans = List.copyOf(spans);
        warnings = List.copyOf(warnings);
    }

    /** @return whether nothing was found: no label, no span, no attribution */
    public boolean isEmpty() {
        return label == null && spans.isEmpty() && attribution == null;
    }

    /**
     * @param score the confidence given to each (the model's own, e.g. its mean token probability), in [0, 1]
     * @return one located sentiment per span with this label and attribution; empty without a label or spans
     */
    public List<LocatedSentiment> located(double score) {
        List<LocatedSentiment> out = new ArrayList<>();
        if (label != null) {
            for (Span s : spans) {
                out.add(new LocatedSentiment(s.start(), s.end(), label, score, attribution));
            }
        }
        return out;
    }
}
