package org.omnisila.engine.llm.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.llm.text.LlmTokenizer;
import org.omnisila.engine.llm.text.PromptTokens;
import org.omnisila.engine.llm.text.VicunaTemplate;

/**
 * Training tokens and labels against tuning_reference.py's transcription of Video-LLaVA's preprocess_v1 (same
 * tokenizer.json), and against a hand check: the supervised labels are exactly each answer's tokens and its "</s>".
 */
class ConversationTokensTest {
    private static final long I = ConversationTokens.IGNORE;
    private static LlmTokenizer tokenizer;

    @BeforeAll
    static void open() {
        tokenizer = LlmTokenizer.open(TuningFixtures.tokenizer());
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static VicunaTemplate template(String system) {
        return new VicunaTemplate(system, VicunaTemplate.FRAMES);
    }

    private static List<InstructionDataset.Turn> turns(String... values) {
        List<InstructionDataset.Turn> out = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(new InstructionDataset.Turn(i % 2 == 0 ? "human" : "gpt", values[i]));
        }
        return out;
    }

    @Test
    void equalsPythonPreprocessV1() {
        for (JsonNode c : TuningFixtures.expected().get("conversations")) {
            String name = c.get("name").asText();
            VicunaTemplate t = template(c.get("system").asText());
            List<InstructionDataset.Turn> turns = TuningFixtures.turns(c.get("turns"));
            assertEquals(c.get("text").asText(), ConversationTokens.render(t, turns), name);
            ConversationTokens tokens = ConversationTokens.of(tokenizer, t, turns);
            assertArrayEquals(TuningFixtures.longs(c.get("ids")), tokens.ids(), name);
            assertArrayEquals(TuningFixtures.longs(c.get("labels")), tokens.labels(), name);
            assertEquals(c.get("mismatch").asBoolean(), !tokens.warnings().isEmpty(), name + " " + tokens.warnings());
        }
    }

    /** By hand: after masking, what is left is each answer encoded alone (LLaMA prepends "▁") followed by eos. */
    @Test
    void supervisedLabelsAreTheAnswersAndTheirEos() {
        String q1 = "<video>\nWhat is the implicit visual sentiment in the video?";
        String a1 = "The implicit visual sentiment is Fighting.";
        String q2 = "Why?";
        String a2 = "The attribution is that two people are fighting in the street.";
        ConversationTokens tokens = ConversationTokens.of(tokenizer, new VicunaTemplate(), turns(q1, a1, q2, a2));
        long[] ids = tokens.ids();
        long[] labels = tokens.labels();
        long eos = tokenizer.special().eos();
        long[] e1 = tokenizer.encode(a1);
        long[] e2 = tokenizer.encode(a2);
        // the last answer: its tokens and </s> are the last labels
        int end2 = ids.length;
        assertArrayEquals(concat(e2, eos), Arrays.copyOfRange(labels, end2 - e2.length - 1, end2));
        // between the answers: "USER: Why? ASSISTANT:" masked
        long[] question2 = tokenizer.encode("USER: Why? ASSISTANT:");
        int start2 = end2 - e2.length - 1;
        for (int p = start2 - question2.length; p < start2; p++) {
            assertEquals(I, labels[p], "position " + p);
        }
        assertArrayEquals(question2, Arrays.copyOfRange(ids, start2 - question2.length, start2));
        int end1 = start2 - question2.length;
        assertArrayEquals(concat(e1, eos), Arrays.copyOfRange(labels, end1 - e1.length - 1, end1));
        // everything before the first answer is masked and is the inference prompt, token for token
        int start1 = end1 - e1.length - 1;
        PromptTokens prompt = new VicunaTemplate().tokens(tokenizer,
                new VicunaTemplate().prompt("What is the implicit visual sentiment in the video?"));
        assertArrayEquals(prompt.ids(), Arrays.copyOfRange(ids, 0, start1));
        assertArrayEquals(prompt.imagePositions(), tokens.imagePositions());
        for (int p = 0; p < start1; p++) {
            assertEquals(I, labels[p], "position " + p);
        }
        assertEquals(e1.length + e2.length + 2, tokens.supervised());
        assertEquals(8, tokens.imagePositions().length);
        assertTrue(tokens.warnings().isEmpty());
    }

    /** The "- 2": the instruction encoded alone ends in a token "▁" of its own (the space before the answer). */
    @Test
    void theTrailingSpaceIsATokenOfItsOwn() {
        long[] withSpace = tokenizer.encode("USER: Why? ASSISTANT: ");
        long[] without = tokenizer.encode("USER: Why? ASSISTANT:");
        assertEquals(without.length + 1, withSpace.length);
        assertEquals(tokenizer.tokenId("\u2581"), withSpace[withSpace.length - 1]);
    }

    @Test
    void aQuestionContainingTheSeparatorIsNotSupervisedWithAWarning() {
        ConversationTokens t = ConversationTokens.of(tokenizer, new VicunaTemplate(),
                turns("<video>\nSay ASSISTANT: twice.", "No."));
        assertEquals(0, t.supervised());
        assertTrue(t.warnings().get(0).startsWith("tokenization mismatch"), t.warnings().toString());
    }

    @Test
    void rolesMustAlternate() {
        List<InstructionDataset.Turn> bad = List.of(new InstructionDataset.Turn("human", "a"),
                new InstructionDataset.Turn("human", "b"));
        assertThrows(IllegalArgumentException.class, () -> ConversationTokens.of(tokenizer, new VicunaTemplate(), bad));
    }

    @Test
    void truncationCountsEveryImageAsItsEmbeddings() {
        ConversationTokens t = ConversationTokens.of(tokenizer, new VicunaTemplate(),
                turns("<video>\nPlease describe the background.", "A street at night with cars."));
        int perImage = 257;
        int expanded = t.expandedLength(perImage);
        assertEquals(t.length() + 8 * 256, expanded);
        assertSame(t, t.truncated(expanded, perImage));
        ConversationTokens cut = t.truncated(expanded - 3, perImage);
        assertEquals(t.length() - 3, cut.length());
        assertEquals(t.supervised() - 3, cut.supervised()); // the last three labels were answer and </s>
        assertArrayEquals(Arrays.copyOf(t.ids(), t.length() - 3), cut.ids());
        assertTrue(cut.warnings().get(0).contains("3 of " + t.length() + " tokens dropped, 3 supervised"),
                cut.warnings().toString());
        int lastImageEnd = t.imagePositions()[7] + 1 + 8 * 256; // expanded end of the 8th image (7 before it, itself)
        assertThrows(IllegalArgumentException.class, () -> t.truncated(lastImageEnd - 1, perImage));
        assertEquals(lastImageEnd, t.truncated(lastImageEnd, perImage).expandedLength(perImage));
    }

    private static void assertSame(Object a, Object b) {
        org.junit.jupiter.api.Assertions.assertSame(a, b);
    }

    private static long[] concat(long[] a, long b) {
        long[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
