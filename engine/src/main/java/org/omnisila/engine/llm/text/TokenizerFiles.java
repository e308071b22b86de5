package org.omnisila.engine.llm.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.omnisila.engine.icm.checkpoint.CheckpointException;

/**
 * The tokenizer files of a Hugging Face model folder and what is read from them besides the tokenizer itself: the
 * vocabulary (token -> id) and the special tokens' ids.
 *
 * <p>Special tokens are looked up as transformers does: the token strings from {@code tokenizer_config.json}
 * (a string, or an {@code AddedToken} object with {@code content}), else from {@code special_tokens_map.json},
 * mapped to ids through {@code tokenizer.json}'s {@code added_tokens} and model vocabulary; where a folder names no
 * token, {@code config.json}'s {@code bos_token_id}/{@code eos_token_id}/{@code pad_token_id}. A missing pad token
 * is the unknown token (LLaVA's v1 training does so); {@code add_bos_token} defaults to true (LLaMA's tokenizer).
 */
public final class TokenizerFiles {
    public static final String TOKENIZER = "tokenizer.json";
    public static final String SENTENCEPIECE = "tokenizer.model";
    public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    public static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";
    public static final String CONFIG = "config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerFiles() {
    }

    /**
     * @param dir a model folder
     * @return its tokenizer.json
     * @throws CheckpointException when there is none; when the folder has only SentencePiece's
     *                             {@code tokenizer.model}, the message says how to convert it
     */
    public static Path tokenizerJson(Path dir) {
        Path json = dir.resolve(TOKENIZER);
        if (Files.isRegularFile(json)) {
            return json;
        }
        if (Files.isRegularFile(dir.resolve(SENTENCEPIECE))) {
            throw new CheckpointException(dir + " has only a SentencePiece " + SENTENCEPIECE + " and no " + TOKENIZER
                    + ", which is what this program reads (through DJL's Hugging Face tokenizers). Convert it once "
                    + "with Python: pip install transformers sentencepiece protobuf, then "
                    + "python -c \"from transformers import AutoTokenizer; "
                    + "AutoTokenizer.from_pretrained('" + dir + "', use_fast=True).save_pretrained('" + dir + "')\", "
                    + "which writes " + TOKENIZER + " beside it (or copy the " + TOKENIZER + " of the same model "
                    + "from the Hugging Face hub, e.g. lmsys/vicuna-7b-v1.5 or LanguageBind/Video-LLaVA-7B-hf)");
        }
        throw new CheckpointException(dir + " has no " + TOKENIZER + " (the Hugging Face fast tokenizer of the "
                + "model; it is downloaded with the model's weights)");
    }

    /**
     * @param tokenizerJson a tokenizer.json
     * @return every token of its model vocabulary and its added tokens, by id (added tokens win)
     */
    public static Map<String, Integer> vocabulary(Path tokenizerJson) {
        JsonNode root = read(tokenizerJson);
        Map<String, Integer> out = new HashMap<>();
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isObject()) { // BPE, WordLevel, WordPiece
            for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().asInt());
            }
        } else if (vocab.isArray()) { // Unigram: [[piece, score], ...], the id is the position
            for (int i = 0; i < vocab.size(); i++) {
                out.put(vocab.get(i).path(0).asText(), i);
            }
        }
        for (JsonNode t : root.path("added_tokens")) {
            out.put(t.path("content").asText(), t.path("id").asInt());
        }
        if (out.isEmpty()) {
            throw new CheckpointException(tokenizerJson + " has no vocabulary (model.vocab) and no added_tokens");
        }
        return out;
    }

    /**
     * @param dir        a model folder with tokenizer.json
     * @param vocabulary its {@link #vocabulary}
     * @return the special tokens' ids
     * @throws CheckpointException when a named special token is not in the vocabulary, or there is no EOS
     */
    public static SpecialTokens specialTokens(Path dir, Map<String, Integer> vocabulary) {
        JsonNode tokenizerConfig = readIfThere(dir.resolve(TOKENIZER_CONFIG));
        JsonNode specialMap = readIfThere(dir.resolve(SPECIAL_TOKENS_MAP));
        JsonNode config = readIfThere(dir.resolve(CONFIG));
        int bos = id(dir, "bos", tokenizerConfig, specialMap, config, vocabulary);
        int eos = id(dir, "eos", tokenizerConfig, specialMap, config, vocabulary);
        int unk = id(dir, "unk", tokenizerConfig, specialMap, config, vocabulary);
        int pad = id(dir, "pad", tokenizerConfig, specialMap, config, vocabulary);
        if (eos < 0) {
            throw new CheckpointException(dir + " names no end-of-sequence token (eos_token in " + TOKENIZER_CONFIG
                    + " or " + SPECIAL_TOKENS_MAP + ", eos_token_id in " + CONFIG + "): generation could not stop");
        }
        boolean addBos = tokenizerConfig.path("add_bos_token").asBoolean(true) && bos >= 0;
        return new SpecialTokens(bos, eos, unk, pad >= 0 ? pad : unk, addBos);
    }

    private static int id(Path dir, String kind, JsonNode tokenizerConfig, JsonNode specialMap, JsonNode config,
                          Map<String, Integer> vocabulary) {
        String key = kind + "_token";
        String token = tokenString(tokenizerConfig.path(key));
        String source = TOKENIZER_CONFIG;
        if (token == null) {
            token = tokenString(specialMap.path(key));
            source = SPECIAL_TOKENS_MAP;
        }
        if (token != null) {
            Integer id = vocabulary.get(token);
            if (id == null) {
                throw new CheckpointException(dir.resolve(source) + " names " + key + " \"" + token
                        + "\", which is not in " + TOKENIZER);
            }
            return id;
        }
        JsonNode fromConfig = config.path(key + "_id");
        if (fromConfig.isArray() && !fromConfig.isEmpty()) { // e.g. several eos ids: the first
            fromConfig = fromConfig.get(0);
        }
        return fromConfig.canConvertToInt() ? fromConfig.asInt() : -1;
    }

    /** @return a special token's text: a string, or an AddedToken object's content; null when absent */
    private static String tokenString(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isObject() && node.path("content").isTextual()) {
            return node.path("content").asText();
        }
        return null;
    }

    private static JsonNode readIfThere(Path file) {
        return Files.isRegularFile(file) ? read(file) : JSON.createObjectNode();
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
