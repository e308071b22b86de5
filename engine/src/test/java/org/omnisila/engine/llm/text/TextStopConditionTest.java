package org.omnisila.engine.llm.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.llm.Generation;
import org.omnisila.engine.llm.GenerationSettings;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedLlama;

/** Stop strings in the generation loop, with the tiny tokenizer (vocab 419) and tiny-video-llava's decoder. */
class TextStopConditionTest {
    private static final StopStrings VICUNA = new VicunaTemplate().stopStrings();

    static Path videoLlava() {
        try {
            return Path.of(TextStopConditionTest.class.getResource("/llm/tiny-video-llava").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void stopsAtEndOfSequenceSpeltWithOrdinaryTokens() {
        try (LlmTokenizer tokenizer = LlmTokenizer.open(LlmTokenizerTest.folder())) {
            TextStopCondition stop = new TextStopCondition(tokenizer, VICUNA);
            long[] answer = tokenizer.encode("The sentiment is negative");
            long lt = tokenizer.tokenId("<0x3C>");
            long slash = tokenizer.tokenId("/");
            long s = tokenizer.tokenId("s");
            long gt = tokenizer.tokenId("<0x3E>");
            long[] ids = Arrays.copyOf(answer, answer.length + 4);
            ids[answer.length] = lt;
            ids[answer.length + 1] = slash;
            ids[answer.length + 2] = s;
            assertFalse(stop.stopped(0, Arrays.copyOf(ids, answer.length + 3)), "\"</s\" is not yet the stop string");
            ids[answer.length + 3] = gt;
            assertTrue(stop.stopped(0, ids), tokenizer.decode(ids));
            assertEquals("The sentiment is negative", stop.answer(ids));
        }
    }

    @Test
    void endsGenerationAtTheStepThatCompletesTheString() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             LoadedLlama llama = LlamaLoader.load(videoLlava(), manager, LlamaLoader.Settings.cpuDefaults());
             LlmTokenizer tokenizer = LlmTokenizer.open(videoLlava())) {
            long[] prompt = tokenizer.encodePrompt("USER: What is the implicit visual sentiment? ASSISTANT:");
            GenerationSettings s = GenerationSettings.greedy(10);
            long[] free = llama.generator().generate(List.of(prompt), s).tokens().get(0);
            // a stop string that the k-th token completes: that token's own text, not in the text before it
            for (int k = 2; k <= free.length; k++) {
                String before = tokenizer.decode(Arrays.copyOf(free, k - 1));
                String piece = tokenizer.decode(new long[] {free[k - 1]}).strip();
                if (piece.isEmpty() || before.contains(piece)) {
                    continue;
                }
                TextStopCondition stop = new TextStopCondition(tokenizer, new StopStrings(List.of(piece)));
                Generation g = llama.generator().generate(List.of(prompt), s.withStopCondition(stop));
                assertArrayEquals(Arrays.copyOf(free, k), g.tokens().get(0), "stop string \"" + piece + "\"");
                assertEquals(Generation.Stop.STOP_CONDITION, g.stops().get(0));
                String text = tokenizer.decode(Arrays.copyOf(free, k));
                assertEquals(text.substring(0, text.indexOf(piece)).strip(), stop.answer(g.tokens().get(0)));
                return;
            }
            throw new AssertionError("no token of " + Arrays.toString(free) + " makes a usable stop string");
        }
    }
}
