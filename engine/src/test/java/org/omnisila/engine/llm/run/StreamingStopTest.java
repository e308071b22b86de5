package org.omnisila.engine.llm.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.llm.text.LlmTokenizer;
import org.omnisila.engine.llm.text.VicunaTemplate;

/** The per-token hook: streamed text never shows a partial stop string, stop strings and cancel end the answer. */
class StreamingStopTest {
    @Test
    void streamsPrefixesAndStopsAtTheStopString() {
        try (LlmTokenizer tokenizer = LlmTokenizer.open(TinyAdapter.base())) {
            long[] answerIds = tokenizer.encode("The implicit visual sentiment is Fire.");
            long[] stopIds = {tokenizer.tokenId("<0x3C>"), tokenizer.tokenId("/"), tokenizer.tokenId("s"),
                tokenizer.tokenId("<0x3E>"), tokenizer.tokenId("s")}; // "</s>" spelt with ordinary tokens
            long[] ids = Arrays.copyOf(answerIds, answerIds.length + stopIds.length);
            System.arraycopy(stopIds, 0, ids, answerIds.length, stopIds.length);
            List<String> shown = new ArrayList<>();
            StreamingStop stop = new StreamingStop(tokenizer, new VicunaTemplate().stopStrings(), shown::add,
                    () -> false);
            int n = 1;
            while (!stop.stopped(0, Arrays.copyOf(ids, n))) {
                n++;
                assertTrue(n <= ids.length, "never stopped");
            }
            String answer = "The implicit visual sentiment is Fire.";
            assertEquals(answer, shown.get(shown.size() - 1));
            for (String s : shown) {
                assertTrue(answer.startsWith(s), s);
                assertFalse(s.endsWith("<") || s.endsWith("</"), s);
            }
            assertTrue(shown.size() > 3, shown.toString());
            assertFalse(stop.cancelled());
        }
    }

    @Test
    void cancelEndsTheAnswerAndReplacementCharactersWait() {
        try (LlmTokenizer tokenizer = LlmTokenizer.open(TinyAdapter.base())) {
            long[] ids = tokenizer.encode("a long answer");
            boolean[] flag = {false};
            StreamingStop stop = new StreamingStop(tokenizer, new VicunaTemplate().stopStrings(), null, () -> flag[0]);
            assertFalse(stop.stopped(0, Arrays.copyOf(ids, 1)));
            flag[0] = true;
            assertTrue(stop.stopped(0, Arrays.copyOf(ids, 2)));
            assertTrue(stop.cancelled());
        }
        assertEquals("ab", StreamingStop.held(" ab\uFFFD\uFFFD"));
    }
}
