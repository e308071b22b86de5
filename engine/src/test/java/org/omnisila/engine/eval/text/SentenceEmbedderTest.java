package org.omnisila.engine.eval.text;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.omnisila.engine.models.ModelFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SentenceEmbedderTest {

    private static final List<String> SENTENCES = List.of(
            "Two men are fighting in the street.",
            "A street fight breaks out between two men.",
            "A cat is sleeping on the sofa.",
            "Smoke rises as a fire spreads through the warehouse.",
            "The woman smiles happily at her friend.");

    private SentenceEmbedder embedder;

    @BeforeAll
    void open() {
        embedder = new SentenceEmbedder(); // model cache under target/test-cache (surefire's omnisila.cache.dir)
    }

    @AfterAll
    void close() {
        embedder.close();
    }

    @Test
    void tokenizerGivesBertUncasedIds() {
        // [CLS] hello world [SEP] in bert-base-uncased's vocabulary: no padding to 128 any more.
        assertArrayEquals(new long[] {101, 7592, 2088, 102}, embedder.tokenIds("hello world"));
        assertArrayEquals(new long[] {101, 7592, 2088, 102}, embedder.tokenIds("HELLO World"));
        assertArrayEquals(new long[] {101, 102}, embedder.tokenIds(""));
    }

    @Test
    void embeddingsAre384DimensionalUnitVectors() {
        for (String text : List.of("hello world", "", SENTENCES.get(3))) {
            float[] e = embedder.embed(text);
            assertEquals(384, e.length);
            assertEquals(1.0, norm(e), 1e-5, "norm of the embedding of '" + text + "'");
        }
    }

    @Test
    void paraphrasesAreCloserThanUnrelatedSentences() {
        List<float[]> e = embedder.embed(SENTENCES.subList(0, 3));
        double paraphrase = SentenceEmbedder.cosine(e.get(0), e.get(1));
        double unrelated = SentenceEmbedder.cosine(e.get(0), e.get(2));
        assertTrue(paraphrase > 0.6, "paraphrase cosine " + paraphrase);
        assertTrue(paraphrase > unrelated + 0.3, "paraphrase " + paraphrase + " vs unrelated " + unrelated);
    }

    @Test
    void batchAndSingleEmbeddingsAgree() {
        // The default batch size is 1, so a list gives exactly what each text gives alone.
        List<String> texts = fortyTexts();
        List<float[]> batch = embedder.embed(texts);
        assertEquals(texts.size(), batch.size());
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(embedder.embed(texts.get(i)), batch.get(i), 1e-5f, "text " + i);
        }
    }

    @Test
    void largerBatchesArePaddedCorrectlyAndDriftOnlyByQuantization() {
        // Batches of 32 with different lengths (padding) across two batches. The int8 dynamic
        // quantization makes results depend on the batch (class comment): close, not equal.
        List<String> texts = fortyTexts();
        List<float[]> single = embedder.embed(texts);
        try (SentenceEmbedder batched = new SentenceEmbedder(new ModelFiles(), 32)) {
            List<float[]> batch = batched.embed(texts);
            assertEquals(texts.size(), batch.size());
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(1.0, norm(batch.get(i)), 1e-5, "norm of text " + i);
                double cos = SentenceEmbedder.cosine(single.get(i), batch.get(i));
                // Measured: 0.993-0.996 for the sentences, 0.972 for the empty text (2 real tokens among
                // padding). Averaging over padded tokens, or a misaligned mask, gives far lower values.
                assertTrue(cos > 0.95, "text " + i + ": cosine between batched and single " + cos);
            }
        }
    }

    private static List<String> fortyTexts() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            texts.addAll(SENTENCES);
        }
        texts.set(7, "");
        texts.set(35, "fire " + String.join(" ", Collections.nCopies(40, "smoke")));
        return texts;
    }

    @Test
    void longTextIsTruncatedTo256Tokens() {
        String thousandWords = String.join(" ", Collections.nCopies(250, "police chase a thief"));
        assertEquals(256, embedder.tokenIds(thousandWords).length);
        float[] e = embedder.embed(thousandWords);
        assertEquals(1.0, norm(e), 1e-5);
    }

    @Test
    void batchSizeOutsideRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SentenceEmbedder(new ModelFiles(), 0));
        assertThrows(IllegalArgumentException.class, () -> new SentenceEmbedder(new ModelFiles(), 33));
    }

    @Test
    void cosineOfKnownVectors() {
        assertEquals(1.0, SentenceEmbedder.cosine(new float[] {3, 4}, new float[] {6, 8}), 1e-12);
        assertEquals(0.0, SentenceEmbedder.cosine(new float[] {1, 0}, new float[] {0, 2}), 1e-12);
        assertEquals(-1.0, SentenceEmbedder.cosine(new float[] {1, 1}, new float[] {-2, -2}), 1e-12);
        assertEquals(0.0, SentenceEmbedder.cosine(new float[] {0, 0}, new float[] {1, 2}), 0);
    }

    /**
     * Independent reference: langchain4j's own tokenisation and pooling of the same model file
     * (AllMiniLmL6V2QuantizedEmbeddingModel, run on ONNX Runtime directly, not through DJL).
     */
    @Test
    void agreesWithLangchain4j() {
        EmbeddingModel reference = new AllMiniLmL6V2QuantizedEmbeddingModel();
        List<float[]> ours = embedder.embed(SENTENCES);
        List<float[]> theirs = new ArrayList<>();
        for (String s : SENTENCES) {
            theirs.add(reference.embed(s).content().vector());
        }
        for (int i = 0; i < SENTENCES.size(); i++) {
            double same = SentenceEmbedder.cosine(ours.get(i), theirs.get(i));
            assertTrue(same > 0.9999, "sentence " + i + ": cosine with langchain4j's embedding " + same);
            for (int j = i + 1; j < SENTENCES.size(); j++) {
                assertEquals(SentenceEmbedder.cosine(theirs.get(i), theirs.get(j)),
                        SentenceEmbedder.cosine(ours.get(i), ours.get(j)), 1e-4, "pair " + i + ", " + j);
            }
        }
    }

    @Test
    void embedsAHundredSentences() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            texts.add(SENTENCES.get(i % SENTENCES.size()) + " Scene " + i + " of the surveillance video.");
        }
        try (SentenceEmbedder batched = new SentenceEmbedder(new ModelFiles(), 32)) {
            for (SentenceEmbedder e : List.of(embedder, batched)) {
                e.embed(texts.subList(0, 10)); // warm-up
                long start = System.nanoTime();
                List<float[]> out = e.embed(texts);
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("SentenceEmbedder: 100 sentences in %d ms, batch size %d, %d cores%n",
                        millis, e.batchSize(), Runtime.getRuntime().availableProcessors());
                assertEquals(100, out.size());
                assertEquals(1.0, norm(out.get(99)), 1e-5);
            }
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }
}
