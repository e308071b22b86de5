package org.omnisila.engine.llm.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.omnisila.engine.icm.checkpoint.CheckpointException;

/**
 * The tokenizer of a Hugging Face model folder: DJL's binding of Hugging Face's tokenizers library on the folder's
 * {@code tokenizer.json}, with the special tokens of {@link TokenizerFiles}.
 *
 * <p><b>BOS, once.</b> LLaMA's tokenizer.json has a post-processor that puts {@code <s>} before every encoded text
 * when special tokens are added. Video-LLaVA encodes its prompt in pieces (split at each {@code <image>}) and keeps
 * only the first piece's {@code <s>}; a text that already starts with the string {@code "<s>"} would get two. So
 * {@link #encode} never adds special tokens (a special token written in the text, like {@code </s>} between turns,
 * is still recognised as one token), and {@link #encodePrompt} puts exactly one {@code bos} in front when the
 * tokenizer's {@code add_bos_token} says so. The text is otherwise passed as is: LLaMA's normalizer prepends
 * "\u2581" (a space) to every encoded text, so encoding "a" and "b" separately differs from encoding "ab", exactly
 * as in Python.
 *
 * <p>Instances hold a native tokenizer: close them.
 */
public final class LlmTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final Map<String, Integer> vocabulary;
    private final SpecialTokens special;

    private LlmTokenizer(HuggingFaceTokenizer tokenizer, Map<String, Integer> vocabulary, SpecialTokens special) {
        this.tokenizer = tokenizer;
        this.vocabulary = vocabulary;
        this.special = special;
    }

    /**
     * @param dir a Hugging Face model folder with tokenizer.json (and tokenizer_config.json, special_tokens_map.json
     *            or config.json for the special tokens)
     * @return its tokenizer
     * @throws CheckpointException when tokenizer.json is missing (saying how to convert a SentencePiece
     *                             tokenizer.model), unreadable, or the special tokens do not fit it
     */
    public static LlmTokenizer open(Path dir) {
        Path json = TokenizerFiles.tokenizerJson(dir);
        Map<String, Integer> vocabulary = Map.copyOf(TokenizerFiles.vocabulary(json));
        SpecialTokens special = TokenizerFiles.specialTokens(dir, vocabulary);
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(json)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
            return new LlmTokenizer(tokenizer, vocabulary, special);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException("cannot load the tokenizer " + json + ": " + e.getMessage(), e);
        }
    }

    /** @return the special tokens' ids */
    public SpecialTokens special() {
        return special;
    }

    /**
     * @param token a token's text, e.g. {@code "<image>"} or {@code "\u2581the"}
     * @return its id, or -1 when the vocabulary does not have it
     */
    public int tokenId(String token) {
        return vocabulary.getOrDefault(token, -1);
    }

    /** @return the number of distinct ids (model vocabulary and added tokens) */
    public int size() {
        return vocabulary.size();
    }

    /**
     * @param text any text
     * @return its token ids, no special tokens added (special tokens written in the text are recognised)
     */
    public long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /**
     * @param text a prompt
     * @return {@code bos} (when {@code add_bos_token}) then {@link #encode}(text): what the decoder is fed
     */
    public long[] encodePrompt(String text) {
        long[] ids = encode(text);
        if (!special.addBos()) {
            return ids;
        }
        long[] out = new long[ids.length + 1];
        out[0] = special.bos();
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    /**
     * @param ids token ids, e.g. generated ones
     * @return their text, special tokens ({@code <s>}, {@code </s>}, {@code <image>}, ...) left out
     */
    public String decode(long[] ids) {
        return tokenizer.decode(ids, true);
    }

    /** @return the tokens' texts as the vocabulary has them (for diagnostics) */
    public String[] tokens(String text) {
        return tokenizer.encode(text, false, false).getTokens();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
