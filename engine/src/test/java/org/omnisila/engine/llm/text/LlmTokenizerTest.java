package org.omnisila.engine.llm.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.icm.checkpoint.CheckpointException;

/**
 * LlmTokenizer on the tiny LLaMA-layout tokenizer written by engine/src/test/python/tiny_tokenizer.py, against the
 * ids its plain-Python encoder computed (expected.json).
 */
class LlmTokenizerTest {
    private static LlmTokenizer tokenizer;

    @BeforeAll
    static void open() {
        tokenizer = LlmTokenizer.open(folder());
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    static Path folder() {
        try {
            return Path.of(LlmTokenizerTest.class.getResource("/llm/tiny-tokenizer").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode expected() throws IOException {
        return new ObjectMapper().readTree(folder().resolve("expected.json").toFile());
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    @Test
    void specialTokensComeFromTheFolder() {
        assertEquals(new SpecialTokens(1, 2, 0, 418, true), tokenizer.special());
        assertEquals(416, tokenizer.tokenId("<image>"));
        assertEquals(417, tokenizer.tokenId("<video>"));
        assertEquals(-1, tokenizer.tokenId("<nothing>"));
        assertEquals(419, tokenizer.size());
    }

    @Test
    void encodesAsThePythonReference() throws IOException {
        for (JsonNode c : expected().path("encode")) {
            String text = c.path("text").asText();
            assertArrayEquals(longs(c.path("ids")), tokenizer.encode(text), text);
        }
    }

    @Test
    void roundTripsTextWithoutSpecialTokens() throws IOException {
        for (JsonNode c : expected().path("encode")) {
            String text = c.path("text").asText();
            if (!text.contains("<s>") && !text.contains("</s>")) {
                assertEquals(text, tokenizer.decode(tokenizer.encode(text)), text);
            }
        }
    }

    @Test
    void bytesOutsideTheVocabularyFallBackAndDecodeBack() {
        long[] ids = tokenizer.encode("\u5149");
        // "▁" then the three UTF-8 bytes of 光 (E5 85 89) as <0xE5> <0x85> <0x89>: ids 3 + byte
        assertArrayEquals(new long[] {259, 3 + 0xE5, 3 + 0x85, 3 + 0x89}, ids);
        assertEquals("\u5149", tokenizer.decode(ids));
    }

    @Test
    void addsBosExactlyOnce() {
        long[] plain = tokenizer.encode("starts with bos");
        long[] prompt = tokenizer.encodePrompt("starts with bos");
        assertEquals(plain.length + 1, prompt.length);
        assertEquals(1, prompt[0]);
        assertEquals(1, java.util.Arrays.stream(prompt).filter(id -> id == 1).count());
        assertFalse(java.util.Arrays.stream(plain).anyMatch(id -> id == 1), "encode adds no <s>");
    }

    @Test
    void decodingSkipsSpecialTokens() {
        long[] ids = tokenizer.encode("ASSISTANT: negative</s>");
        assertEquals(2, ids[ids.length - 1], "</s> in the text is the EOS token");
        assertEquals("ASSISTANT: negative", tokenizer.decode(ids));
        long[] withImage = {1, 416, 416, tokenizer.encode("x")[0], tokenizer.encode("x")[1], 2, 418};
        assertEquals("x", tokenizer.decode(withImage));
    }

    @Test
    void specialTokensFallBackToConfigJsonIds(@TempDir Path dir) throws IOException {
        Files.copy(folder().resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("config.json"), "{\"bos_token_id\": 1, \"eos_token_id\": [2, 416]}");
        try (LlmTokenizer t = LlmTokenizer.open(dir)) {
            // no pad and no unk named: pad is unk (-1 here), add_bos_token defaults to true
            assertEquals(new SpecialTokens(1, 2, -1, -1, true), t.special());
        }
    }

    @Test
    void specialTokensMapIsReadWhenTokenizerConfigNamesNone(@TempDir Path dir) throws IOException {
        Files.copy(folder().resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("special_tokens_map.json"), "{\"bos_token\": \"<s>\", \"eos_token\": "
                + "{\"content\": \"</s>\"}, \"unk_token\": \"<unk>\"}");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"add_bos_token\": false}");
        try (LlmTokenizer t = LlmTokenizer.open(dir)) {
            assertEquals(new SpecialTokens(1, 2, 0, 0, false), t.special());
            assertArrayEquals(t.encode("x"), t.encodePrompt("x"), "no <s> when add_bos_token is false");
        }
    }

    @Test
    void refusesAnUnknownSpecialTokenAndAMissingEos(@TempDir Path dir) throws IOException {
        Files.copy(folder().resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("special_tokens_map.json"), "{\"eos_token\": \"<|end|>\"}");
        CheckpointException e = assertThrows(CheckpointException.class, () -> LlmTokenizer.open(dir));
        assertTrue(e.getMessage().contains("eos_token \"<|end|>\", which is not in tokenizer.json"), e.getMessage());
        Files.delete(dir.resolve("special_tokens_map.json"));
        e = assertThrows(CheckpointException.class, () -> LlmTokenizer.open(dir));
        assertTrue(e.getMessage().contains("names no end-of-sequence token"), e.getMessage());
    }

    @Test
    void sentencePieceOnlyFolderSaysHowToConvert(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("tokenizer.model"), new byte[] {1, 2, 3});
        CheckpointException e = assertThrows(CheckpointException.class, () -> LlmTokenizer.open(dir));
        assertTrue(e.getMessage().contains("has only a SentencePiece tokenizer.model"), e.getMessage());
        assertTrue(e.getMessage().contains("save_pretrained"), e.getMessage());
        Files.delete(dir.resolve("tokenizer.model"));
        e = assertThrows(CheckpointException.class, () -> LlmTokenizer.open(dir));
        assertTrue(e.getMessage().contains("has no tokenizer.json"), e.getMessage());
    }

    @Test
    void aLongTextIsNotTruncated() {
        String text = "the video ".repeat(400);
        assertEquals(text.strip(), tokenizer.decode(tokenizer.encode(text)).strip());
        assertTrue(tokenizer.encode(text).length > 800);
    }
}
