package org.omnisila.engine.eval.text;

import org.omnisila.engine.eval.text.RougeScores.Score;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ROUGE-1, ROUGE-2 and ROUGE-L (Lin, 2004) of a candidate text against a reference, computed as
 * Google's {@code rouge-score} Python package does with its defaults ({@code use_stemmer=False}).
 *
 * <ul>
 *   <li>Tokens: lower-case the text, replace every run of characters outside {@code [a-z0-9]} by a
 *       space, split on spaces. So "Don't!" gives {@code [don, t]} and accented letters are dropped.
 *   <li>ROUGE-N: matches = sum over distinct n-grams g of min(count_cand(g), count_ref(g)) (repeats
 *       are clipped); P = matches / #cand n-grams, R = matches / #ref n-grams.
 *   <li>ROUGE-L: P = LCS / #cand tokens, R = LCS / #ref tokens, where LCS is the length of the longest
 *       common subsequence of the two token sequences (one sentence each, no splitting on newlines).
 *   <li>F1 = 2PR / (P + R), 0 when P + R = 0; an empty candidate or reference scores 0 everywhere.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Rouge {

    private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

    private Rouge() {
    }

    /**
     * @param candidate the generated text (rouge-score's "prediction")
     * @param reference the ground-truth text (rouge-score's "target")
     * @return ROUGE-1, ROUGE-2 and ROUGE-L
     */
    public static RougeScores score(String candidate, String reference) {
        List<String> cand = tokenize(candidate);
        List<String> ref = tokenize(reference);
        return new RougeScores(rougeN(cand, ref, 1), rougeN(cand, ref, 2), rougeL(cand, ref));
    }

    /**
     * @param text any text; {@code null} is treated as empty
     * @return its tokens, each matching {@code [a-z0-9]+}
     */
    public static List<String> tokenize(String text) {
        if (text == null) {
            return List.of();
        }
        String spaced = NON_ALPHANUMERIC.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return spaced.isEmpty() ? List.of() : List.of(spaced.split(" "));
    }

    /**
     * @param candidate candidate tokens
     * @param reference reference tokens
     * @param n the n-gram order, at least 1
     * @return ROUGE-N with clipped n-gram counts
     */
    public static Score rougeN(List<String> candidate, List<String> reference, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, was " + n);
        }
        Map<List<String>, Integer> candCounts = ngramCounts(candidate, n);
        Map<List<String>, Integer> refCounts = ngramCounts(reference, n);
        long matches = 0;
        for (Map.Entry<List<String>, Integer> e : candCounts.entrySet()) {
            matches += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
        }
        return Score.of(matches, ngramTotal(candidate, n), ngramTotal(reference, n));
    }

    /**
     * @param candidate candidate tokens
     * @param reference reference tokens
     * @return ROUGE-L (sentence level)
     */
    public static Score rougeL(List<String> candidate, List<String> reference) {
        if (candidate.isEmpty() || reference.isEmpty()) {
            return Score.ZERO;
        }
        return Score.of(lcsLength(candidate, reference), candidate.size(), reference.size());
    }

    /**
     * Length of the longest common subsequence, by the textbook dynamic programme keeping two rows
     * over the shorter sequence: O(n m) time, O(min(n, m)) memory.
     *
     * @param a a token sequence
     * @param b another
     * @return the LCS length, 0 when either is empty
     */
    public static int lcsLength(List<String> a, List<String> b) {
        List<String> longer = a.size() >= b.size() ? a : b;
        List<String> shorter = longer == a ? b : a;
        int[] previous = new int[shorter.size() + 1]; // previous[j] = LCS(longer[0..i-1], shorter[0..j-1])
        int[] current = new int[shorter.size() + 1];
        for (String token : longer) {
            for (int j = 1; j <= shorter.size(); j++) {
                current[j] = token.equals(shorter.get(j - 1))
                        ? previous[j - 1] + 1
                        : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[shorter.size()];
    }

    private static Map<List<String>, Integer> ngramCounts(List<String> tokens, int n) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            counts.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
        }
        return counts;
    }

    private static int ngramTotal(List<String> tokens, int n) {
        return Math.max(tokens.size() - n + 1, 0);
    }
}
