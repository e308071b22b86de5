package org.omnisila.engine.llm.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.omnisila.engine.api.SentimentLabels;

/**
 * Reads the model's answers to Omni-SILA's instructions into result values ({@link ParsedAnswer}), tolerant of
 * wording and case. Never throws on what the model wrote: what cannot be read is left out, with a warning where
 * something was there but odd.
 *
 * <ul>
 * <li><b>Sentiment</b>: "The implicit visual sentiment is Fighting.", "the explicit sentiment was negative",
 * "Sentiment: Traffic Accidents". The words after "sentiment is/was/:" (up to a full stop, comma, semicolon, new
 * line or "from"/"between"/"in"/"during") are matched, ignoring case and a leading article, against
 * {@link SentimentLabels#IMPLICIT} and {@link SentimentLabels#EXPLICIT} (the longest label they start with), and
 * mapped by {@link SentimentLabels#canonical}; words that match none are kept as the label, with a warning. Without
 * such a phrase, a known label named anywhere in the answer is taken when it is the only one named.</li>
 * <li><b>Spans</b>: "from 4s to 18s", "from 4.5 s to 18 s", "from 4 to 18 seconds", "between 4 and 18 seconds",
 * "4s-18s", "00:04 to 00:18" (minutes:seconds); all of them, in order. A reversed span is turned round, with a
 * warning. With the video's duration known, a span that ends after it is clipped to it and one that starts at or
 * after it is dropped, each with a warning.</li>
 * <li><b>Attribution</b>: the text after "attribution is/was/:" (or "reason"/"cause"), to the end of the answer.</li>
 * </ul>
 */
public final class AnswerParser {
    private static final String NUMBER = "(\\d{1,2}:\\d{1,2}(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)";
    private static final String UNIT = "\\s*(?:s|secs?|seconds?)?\\b";
    private static final Pattern SPAN = Pattern.compile(
            "(?:\\bfrom\\s+(?:the\\s+)?" + NUMBER + UNIT + "\\s*(?:to|until|till|through|-|\u2013)\\s*" + NUMBER + UNIT
                    + ")|(?:\\bbetween\\s+" + NUMBER + UNIT + "\\s*(?:and|-|\u2013)\\s*" + NUMBER + UNIT + ")"
                    + "|(?:\\b" + NUMBER + "\\s*(?:s|secs?|seconds?)\\s*(?:-|\u2013|to)\\s*" + NUMBER
                    + "\\s*(?:s|secs?|seconds?)\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTIMENT = Pattern.compile(
            "\\b(?:(implicit|explicit)\\s+)?(?:visual\\s+)?sentiment\\s*(?:\\bis\\b|\\bwas\\b|:)\\s*(.*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern CLAUSE_END = Pattern.compile(
            "[.,;!?\\n]|\\s(?:from|between|in|during|at|and|which|with)\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "\\b(?:attribution|reason|cause)\\s*(?:\\bis\\b|\\bwas\\b|:)\\s*(.*)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ARTICLE = Pattern.compile("^(?:an?|the)\\s+", Pattern.CASE_INSENSITIVE);

    private AnswerParser() {
    }

    /**
     * @param answer the model's answer (raw, stop strings included or not)
     * @return what it says; spans not clipped
     */
    public static ParsedAnswer parse(String answer) {
        return parse(answer, Double.POSITIVE_INFINITY);
    }

    /**
     * @param answer   the model's answer
     * @param duration the video's length, seconds (&gt; 0; infinite when unknown): spans are clipped to it
     * @return what it says
     */
    public static ParsedAnswer parse(String answer, double duration) {
        if (!(duration > 0)) {
            throw new IllegalArgumentException("duration must be > 0 (infinite when unknown) but was " + duration);
        }
        String raw = answer == null ? "" : answer;
        String text = new StopStrings(List.of(VicunaTemplate.SEP2)).answer(raw);
        List<String> warnings = new ArrayList<>();

        String kind = null;
        String label = null;
        boolean known = false;
        Matcher m = SENTIMENT.matcher(text);
        if (m.find()) {
            kind = m.group(1) == null ? null : m.group(1).toLowerCase(Locale.ROOT);
            String words = clause(m.group(2));
            if (!words.isEmpty()) {
                String match = knownLabelAtStart(words);
                if (match != null) {
                    label = match;
                    known = true;
                } else {
                    label = words;
                    warnings.add("the sentiment \"" + words + "\" is none of the known labels; kept as written");
                }
            }
        }
        if (label == null) {
            Set<String> named = labelsNamed(text);
            if (named.size() == 1) {
                label = named.iterator().next();
                known = true;
            } else if (named.size() > 1) {
                warnings.add("the answer names several labels " + named + " and says none is the sentiment");
            }
        }
        if (kind == null && known) {
            kind = SentimentLabels.EXPLICIT.contains(label) ? "explicit" : "implicit";
        }

        List<ParsedAnswer.Span> spans = spans(text, duration, warnings);
        String attribution = null;
        Matcher a = ATTRIBUTION.matcher(text);
        if (a.find() && !a.group(1).isBlank()) {
            attribution = a.group(1).strip();
        }
        return new ParsedAnswer(raw, kind, label, known, spans, attribution, warnings);
    }

    private static String clause(String rest) {
        Matcher end = CLAUSE_END.matcher(rest);
        String words = end.find() ? rest.substring(0, end.start()) : rest;
        words = words.replaceAll("[\"'\u201c\u201d*]", "").strip();
        return ARTICLE.matcher(words).replaceFirst("").strip();
    }

    /** @return the canonical name of the longest known label the words start with, or null */
    private static String knownLabelAtStart(String words) {
        String lower = words.toLowerCase(Locale.ROOT);
        String best = null;
        for (String label : allLabels()) {
            String l = label.toLowerCase(Locale.ROOT);
            boolean starts = lower.equals(l) || lower.startsWith(l + " ");
            if (starts && (best == null || label.length() > best.length())) {
                best = label;
            }
        }
        if (best == null && (lower.equals("p") || lower.equals("n"))) {
            best = lower;
        }
        return best == null ? null : SentimentLabels.canonical(best);
    }

    private static Set<String> labelsNamed(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String label : allLabels()) {
            Pattern p = Pattern.compile("\\b" + Pattern.quote(label) + "\\b", Pattern.CASE_INSENSITIVE);
            if (p.matcher(text).find()) {
                out.add(SentimentLabels.canonical(label));
            }
        }
        return out;
    }

    private static List<String> allLabels() {
        List<String> all = new ArrayList<>(SentimentLabels.IMPLICIT);
        all.addAll(SentimentLabels.EXPLICIT);
        return all;
    }

    private static List<ParsedAnswer.Span> spans(String text, double duration, List<String> warnings) {
        List<ParsedAnswer.Span> out = new ArrayList<>();
        Matcher m = SPAN.matcher(text);
        while (m.find()) {
            int g = m.group(1) != null ? 1 : m.group(3) != null ? 3 : 5;
            double start = seconds(m.group(g));
            double end = seconds(m.group(g + 1));
            String written = m.group().strip();
            if (start > end) {
                warnings.add("the span \"" + written + "\" ends before it starts; turned round");
                double t = start;
                start = end;
                end = t;
            }
            if (start >= duration) {
                warnings.add("the span \"" + written + "\" starts at or after the video's end (" + duration
                        + " s); left out");
                continue;
            }
            if (end > duration) {
                warnings.add("the span \"" + written + "\" ends after the video's end; clipped to " + duration + " s");
                end = duration;
            }
            out.add(new ParsedAnswer.Span(start, end));
        }
        return out;
    }

    /** @return "12.5" or "1:02.5" (minutes:seconds) in seconds */
    private static double seconds(String number) {
        int colon = number.indexOf(':');
        if (colon < 0) {
            return Double.parseDouble(number);
        }
        return 60 * Double.parseDouble(number.substring(0, colon)) + Double.parseDouble(number.substring(colon + 1));
    }
}
