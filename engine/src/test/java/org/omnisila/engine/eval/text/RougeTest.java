package org.omnisila.engine.eval.text;

import org.omnisila.engine.eval.text.RougeScores.Score;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Scores worked by hand. Conventions as in rouge-score: P divides by the candidate's count, R by the
 * reference's, F = 2PR / (P + R).
 */
class RougeTest {

    private static final double EPS = 1e-12;

    @Test
    void catOnTheMat() {
        // cand "the cat sat on the mat" (6 tokens), ref "the cat is on the mat" (6 tokens)
        // unigrams: cand {the:2 cat sat on mat}, ref {the:2 cat is on mat}
        //   matches = min(2,2)[the] + cat + on + mat = 5           -> P = R = F = 5/6
        // bigrams: cand {the cat, cat sat, sat on, on the, the mat} (5)
        //          ref  {the cat, cat is, is on, on the, the mat} (5)
        //   matches = the cat, on the, the mat = 3                 -> P = R = F = 3/5
        // LCS = "the cat on the mat" = 5                           -> P = R = F = 5/6
        RougeScores s = Rouge.score("the cat sat on the mat", "the cat is on the mat");

        assertScore(5 / 6.0, 5 / 6.0, 5 / 6.0, s.rouge1());
        assertScore(3 / 5.0, 3 / 5.0, 3 / 5.0, s.rouge2());
        assertScore(5 / 6.0, 5 / 6.0, 5 / 6.0, s.rougeL());
    }

    @Test
    void candidateShorterThanReference() {
        // cand "police stop the fight" (4), ref "the police stop a fight in the street" (8)
        // unigrams: matches = police + stop + min(1,2)[the] + fight = 4
        //   P = 4/4 = 1, R = 4/8 = 1/2, F = 2 * 1 * 1/2 / (3/2) = 2/3
        // bigrams: cand {police stop, stop the, the fight} (3); ref has 7 bigrams;
        //   only "police stop" is shared: P = 1/3, R = 1/7, F = (2/21) / (10/21) = 1/5
        // LCS: ref = the police stop a fight in the street; "police stop fight" (or "police stop the") = 3
        //   P = 3/4, R = 3/8, F = 2 * 9/32 / (9/8) = 1/2
        RougeScores s = Rouge.score("police stop the fight", "the police stop a fight in the street");

        assertScore(1, 0.5, 2 / 3.0, s.rouge1());
        assertScore(1 / 3.0, 1 / 7.0, 0.2, s.rouge2());
        assertScore(0.75, 0.375, 0.5, s.rougeL());
    }

    @Test
    void repeatedWordsAreClipped() {
        // cand "the the the the" (4), ref "the cat the" (3)
        // unigrams: matches = min(4, 2) = 2: P = 2/4, R = 2/3, F = 2 * (1/3) / (7/6) = 4/7
        // bigrams: cand {the the x3}, ref {the cat, cat the}: no match -> 0, 0, 0
        // LCS = "the the" = 2: same as unigrams
        RougeScores s = Rouge.score("the the the the", "the cat the");
        assertScore(0.5, 2 / 3.0, 4 / 7.0, s.rouge1());
        assertScore(0, 0, 0, s.rouge2());
        assertScore(0.5, 2 / 3.0, 4 / 7.0, s.rougeL());

        // Swapped roles: P and R swap, F stays.
        RougeScores swapped = Rouge.score("the cat the", "the the the the");
        assertScore(2 / 3.0, 0.5, 4 / 7.0, swapped.rouge1());
    }

    @Test
    void punctuationAndCaseAreIgnored() {
        // Tokenises to exactly the tokens of catOnTheMat's candidate.
        RougeScores s = Rouge.score("The CAT, sat... on-the   mat!", "the cat is on the mat");
        assertScore(5 / 6.0, 5 / 6.0, 5 / 6.0, s.rouge1());
        assertScore(3 / 5.0, 3 / 5.0, 3 / 5.0, s.rouge2());
        assertScore(5 / 6.0, 5 / 6.0, 5 / 6.0, s.rougeL());
    }

    @Test
    void tokenizerKeepsOnlyAsciiLettersAndDigits() {
        assertEquals(List.of("don", "t", "panic"), Rouge.tokenize("Don't PANIC!"));
        // "é" is outside [a-z0-9] after lower-casing, so "Café" becomes "caf", as in rouge-score.
        assertEquals(List.of("caf", "au", "lait", "2"), Rouge.tokenize("Café au lait, 2 €!"));
        assertEquals(List.of("a1", "b2"), Rouge.tokenize("\ta1\n\nb2 "));
        assertEquals(List.of(), Rouge.tokenize(" ?! "));
    }

    @Test
    void emptyTextsScoreZero() {
        for (String[] pair : new String[][] {{"", "the cat"}, {"the cat", ""}, {"", ""}, {"?!", "the cat"}}) {
            RougeScores s = Rouge.score(pair[0], pair[1]);
            assertEquals(new RougeScores(Score.ZERO, Score.ZERO, Score.ZERO), s, pair[0] + " | " + pair[1]);
        }
    }

    @Test
    void singleTokenHasNoBigrams() {
        // Both texts are "cat": unigram and LCS scores are 1; there are no bigrams, so 0/max(0,1) = 0.
        RougeScores s = Rouge.score("Cat.", "cat");
        assertScore(1, 1, 1, s.rouge1());
        assertScore(0, 0, 0, s.rouge2());
        assertScore(1, 1, 1, s.rougeL());
    }

    @Test
    void identicalTextsScoreOne() {
        RougeScores s = Rouge.score("a fire breaks out in the kitchen", "A fire breaks out in the kitchen.");
        assertScore(1, 1, 1, s.rouge1());
        assertScore(1, 1, 1, s.rouge2());
        assertScore(1, 1, 1, s.rougeL());
    }

    @Test
    void lcsIsSymmetricAndSkipsGaps() {
        List<String> a = List.of("a", "b", "c", "d", "e", "f");
        List<String> b = List.of("a", "c", "e", "g");
        // a _ c _ e: 3; "g" is in neither order
        assertEquals(3, Rouge.lcsLength(a, b));
        assertEquals(3, Rouge.lcsLength(b, a));
        assertEquals(0, Rouge.lcsLength(a, List.of()));
        // b a vs a b: either "a" or "b", length 1
        assertEquals(1, Rouge.lcsLength(List.of("b", "a"), List.of("a", "b")));
    }

    @Test
    void lcsOfLongSequences() {
        // x = 0 1 2 ... 2999, y = the even numbers of x then the odd ones. A common subsequence takes
        // evens 0, 2, ..., 2k from y's first half, then odds 2k+1, ..., 2999 from its second half:
        // (k + 1) + (1500 - k) = 1501 for every k (all evens alone, or all odds alone, give 1500).
        List<String> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            x.add(Integer.toString(i));
        }
        for (int i = 0; i < 3000; i += 2) {
            y.add(Integer.toString(i));
        }
        for (int i = 1; i < 3000; i += 2) {
            y.add(Integer.toString(i));
        }
        assertEquals(1501, Rouge.lcsLength(x, y));
        assertEquals(1501, Rouge.lcsLength(y, x));
    }

    private static void assertScore(double p, double r, double f, Score actual) {
        assertEquals(p, actual.precision(), EPS, "precision of " + actual);
        assertEquals(r, actual.recall(), EPS, "recall of " + actual);
        assertEquals(f, actual.f1(), EPS, "F1 of " + actual);
    }
}
