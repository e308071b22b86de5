package org.omnisila.engine.eval.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which sentiment label an attribution text states, for Sen-A (paper section 4.4).
 *
 * <p>The rule, deliberately simple:
 *
 * <ul>
 *   <li>A label is mentioned when its name occurs as whole words, ignoring case: "Traffic Accidents"
 *       matches "two traffic   accidents happen" (any whitespace between its words) but not
 *       "traffic accident" (singular) nor "abnormal" for "Normal". Letters and digits on either side
 *       break a match, punctuation does not.
 *   <li>Only full names count: no aliases, no single letters ("p", "n"), no stemming.
 *   <li>A mention that lies inside a longer label's mention counts only for the longer label (with
 *       labels "Fire" and "Forbidden to Burn Fire", the text "forbidden to burn fire" states the
 *       latter).
 *   <li>Exactly one distinct label mentioned (any number of times): that label. None, or two or more
 *       different ones: {@link Optional#empty()}, as the stated sentiment is absent or ambiguous.
 *   <li>Negation is not understood: "not negative" states "negative".
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class SentimentMention {

    private final List<String> labels;
    private final List<Pattern> patterns;

    /**
     * @param labels the label names, e.g. {@code positive, negative, neutral}; non-blank, distinct
     *     ignoring case
     */
    public SentimentMention(List<String> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("no labels given");
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Pattern> compiled = new ArrayList<>();
        for (String label : labels) {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("blank label in " + labels);
            }
            if (!seen.add(label.strip().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("label " + label + " given twice in " + labels);
            }
            compiled.add(patternFor(label));
        }
        this.labels = List.copyOf(labels);
        this.patterns = List.copyOf(compiled);
    }

    /** @return the labels, in the order given */
    public List<String> labels() {
        return labels;
    }

    /**
     * @param text an attribution text; {@code null} is treated as empty
     * @return the one label the text mentions, as given to the constructor; empty when it mentions
     *     none or several different ones
     */
    public Optional<String> find(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        List<Mention> mentions = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            Matcher m = patterns.get(i).matcher(text);
            while (m.find()) {
                mentions.add(new Mention(i, m.start(), m.end()));
            }
        }
        Set<Integer> stated = new LinkedHashSet<>();
        for (Mention mention : mentions) {
            if (mentions.stream().noneMatch(other -> other.strictlyContains(mention))) {
                stated.add(mention.label());
            }
        }
        return stated.size() == 1 ? Optional.of(labels.get(stated.iterator().next())) : Optional.empty();
    }

    private static Pattern patternFor(String label) {
        String[] words = label.strip().split("\\s+");
        StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])");
        for (int i = 0; i < words.length; i++) {
            regex.append(i == 0 ? "" : "\\s+").append(Pattern.quote(words[i]));
        }
        regex.append("(?![\\p{L}\\p{N}])");
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** Label index {@code label} matched text[start, end). */
    private record Mention(int label, int start, int end) {

        boolean strictlyContains(Mention other) {
            return start <= other.start && other.end <= end && (end - start) > (other.end - other.start);
        }
    }
}
