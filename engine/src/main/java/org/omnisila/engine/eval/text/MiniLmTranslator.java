package org.omnisila.engine.eval.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Texts in, sentence embeddings out, for a BERT-style encoder exported to ONNX.
 *
 * <p>Input: B texts, tokenised together and padded to the longest (T tokens). The model gets
 * {@code input_ids}, {@code attention_mask} and {@code token_type_ids}, int64 [B, T]; it returns
 * {@code last_hidden_state}, float32 [B, T, D]. Output: B embeddings of D floats, mean-pooled over
 * the attention mask and L2-normalised ({@link MeanPooling}).
 *
 * <p>Not thread-safe on its own (it is used through one Predictor, see {@link SentenceEmbedder}).
 */
final class MiniLmTranslator implements NoBatchifyTranslator<String[], float[][]> {

    private static final String MASK = "attention_mask";

    private final HuggingFaceTokenizer tokenizer;

    /** @param tokenizer configured to pad to the longest text of a batch and to truncate */
    MiniLmTranslator(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, String[] texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int batch = encodings.length;
        int tokens = encodings[0].getIds().length;
        long[] ids = new long[batch * tokens];
        long[] mask = new long[batch * tokens];
        long[] types = new long[batch * tokens];
        for (int b = 0; b < batch; b++) {
            Encoding e = encodings[b];
            if (e.getIds().length != tokens) {
                throw new IllegalStateException("tokenizer did not pad the batch: " + e.getIds().length
                        + " tokens in text " + b + ", " + tokens + " in text 0");
            }
            System.arraycopy(e.getIds(), 0, ids, b * tokens, tokens);
            System.arraycopy(e.getAttentionMask(), 0, mask, b * tokens, tokens);
            System.arraycopy(e.getTypeIds(), 0, types, b * tokens, tokens);
        }
        ctx.setAttachment(MASK, mask);
        NDManager manager = ctx.getNDManager();
        Shape shape = new Shape(batch, tokens);
        return new NDList(
                named(manager.create(ids, shape), "input_ids"), // [B, T]
                named(manager.create(mask, shape), MASK), // [B, T]
                named(manager.create(types, shape), "token_type_ids")); // [B, T]
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList outputs) {
        NDArray hidden = outputs.contains("last_hidden_state") ? outputs.get("last_hidden_state") : outputs.get(0);
        Shape shape = hidden.getShape(); // [B, T, D]
        if (shape.dimension() != 3) {
            throw new IllegalStateException("expected last_hidden_state [B, T, D], got " + shape);
        }
        long[] mask = (long[]) ctx.getAttachment(MASK);
        return MeanPooling.poolAndNormalise(hidden.toFloatArray(), mask,
                (int) shape.get(0), (int) shape.get(1), (int) shape.get(2));
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
