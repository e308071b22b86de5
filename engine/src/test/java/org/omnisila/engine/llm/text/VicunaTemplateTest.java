package org.omnisila.engine.llm.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Vicuna v1 prompt text, its tokens with the image placeholders (against the Python reference), stop strings. */
class VicunaTemplateTest {
    private static LlmTokenizer tokenizer;

    @BeforeAll
    static void open() {
        tokenizer = LlmTokenizer.open(LlmTokenizerTest.folder());
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void promptIsVideoLlavasLlavaV1Text() {
        String p = new VicunaTemplate().prompt("What is the implicit visual sentiment in the video?");
        assertEquals("A chat between a curious human and an artificial intelligence assistant. The assistant "
                + "gives helpful, detailed, and polite answers to the human's questions. USER: "
                + "<image><image><image><image><image><image><image><image>\n"
                + "What is the implicit visual sentiment in the video? ASSISTANT:", p);
    }

    @Test
    void aVideoTagInTheInstructionIsMovedToTheFront() {
        VicunaTemplate t = new VicunaTemplate(VicunaTemplate.SYSTEM_VICUNA_V1, 2);
        assertEquals(VicunaTemplate.SYSTEM_VICUNA_V1 + " USER: <image><image>\nWhy? ASSISTANT:",
                t.prompt("<video>\nWhy?"));
    }

    @Test
    void earlierTurnsEndWithTheSeparators() {
        VicunaTemplate t = new VicunaTemplate("S.", 1);
        String p = t.prompt(List.of(new VicunaTemplate.Turn("Q1?", "A1."), new VicunaTemplate.Turn("Q2?", "A2.")),
                "Q3?");
        assertEquals("S. USER: <image>\nQ1? ASSISTANT: A1.</s>USER: Q2? ASSISTANT: A2.</s>USER: Q3? ASSISTANT:", p);
    }

    @Test
    void tokensMatchVideoLlavasTokenizerImageToken() throws IOException {
        JsonNode e = LlmTokenizerTest.expected().path("prompt");
        VicunaTemplate t = new VicunaTemplate();
        String prompt = t.prompt(e.path("instruction").asText());
        assertEquals(e.path("text").asText(), prompt);
        PromptTokens tokens = t.tokens(tokenizer, prompt);
        assertArrayEquals(LlmTokenizerTest.longs(e.path("ids")), tokens.ids());
        int[] positions = new int[e.path("image_positions").size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = e.path("image_positions").get(i).asInt();
        }
        assertArrayEquals(positions, tokens.imagePositions());
        assertEquals(VicunaTemplate.FRAMES, positions.length);
        for (int i = 1; i < positions.length; i++) {
            assertEquals(positions[i - 1] + 1, positions[i], "the eight frames are adjacent");
        }
        for (int p : positions) {
            assertEquals(416, tokens.ids()[p], "placeholder is the tokenizer's <image>");
        }
        assertEquals(1, tokens.ids()[0]);
        assertEquals(1, java.util.Arrays.stream(tokens.ids()).filter(id -> id == 1).count(), "one <s>");
    }

    @Test
    void withoutAnImageTokenThePlaceholderIsUnk(@TempDir Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(LlmTokenizerTest.folder().resolve("tokenizer.json").toFile());
        ArrayNode added = (ArrayNode) root.path("added_tokens");
        for (int i = added.size() - 1; i >= 0; i--) {
            if (added.get(i).path("content").asText().equals("<image>")) {
                added.remove(i);
            }
        }
        json.writeValue(dir.resolve("tokenizer.json").toFile(), root);
        Files.copy(LlmTokenizerTest.folder().resolve("tokenizer_config.json"), dir.resolve("tokenizer_config.json"));
        try (LlmTokenizer t = LlmTokenizer.open(dir)) {
            assertEquals(-1, t.tokenId("<image>"));
            assertEquals(0, VicunaTemplate.placeholderId(t));
            PromptTokens tokens = new VicunaTemplate("S", 3).tokens(t, new VicunaTemplate("S", 3).prompt("Q"));
            int first = 1 + t.encode("S USER: ").length; // <s>, then the first piece encoded alone
            assertArrayEquals(new int[] {first, first + 1, first + 2}, tokens.imagePositions());
            assertEquals(first + 3 + t.encode("\nQ ASSISTANT:").length, tokens.ids().length);
            for (int p : tokens.imagePositions()) {
                assertEquals(0, tokens.ids()[p]);
            }
        }
    }

    @Test
    void stopStringsCutTheAnswer() {
        StopStrings s = new VicunaTemplate().stopStrings();
        assertEquals(List.of("</s>"), s.stops());
        assertEquals("The sentiment is Fire.", s.answer("  The sentiment is Fire.</s>USER: more"));
        assertEquals("no stop", s.answer("no stop "));
        assertTrue(s.stopped("a</s>"));
        assertFalse(s.stopped("a</"));
        assertEquals(1, s.safeLength("a</"), "\"</\" may become \"</s>\": hold it back");
        assertEquals(3, s.safeLength("a<b"), "\"<b\" cannot");
        assertEquals(1, new StopStrings(List.of("###", "</s>")).find("x</s>###"));
        assertThrows(IllegalArgumentException.class, () -> new StopStrings(List.of("")));
        assertThrows(IllegalArgumentException.class, () -> new VicunaTemplate("S", 0));
    }
}
