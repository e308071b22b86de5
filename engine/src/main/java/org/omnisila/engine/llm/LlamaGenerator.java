package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Continues token sequences with a {@link LlamaForCausalLM}: the prompts, left-padded to one length, go through
 * the model in one batched forward pass (prefill), which fills the {@link KvCache}; then each step feeds one
 * token per sequence and reads the last position's logits, until every sequence has produced a stop token or
 * the maximum number of new tokens.
 *
 * <p>Each step's arrays live in an {@link NDScope} and are freed when it ends; only the cache and the Java-side
 * token lists persist. The next token is chosen in Java ({@link TokenSampler}) from the copied logits.
 */
public final class LlamaGenerator {
    private final LlamaForCausalLM model;
    private final NDManager manager;
    private final DataType type;

    /**
     * @param model   a loaded (or initialised) model
     * @param manager the manager the model's parameters live on (its device is used)
     */
    public LlamaGenerator(LlamaForCausalLM model, NDManager manager) {
        this.model = model;
        this.manager = manager;
        this.type = model.getParameters().get(0).getValue().getArray().getDataType();
    }

    /**
     * @param prompts  one or more token sequences, each non-empty, ids below the vocabulary size
     * @param settings decoding, stop tokens, maximum length
     * @return the new tokens of each prompt and why each ended
     * @throws IllegalArgumentException when a prompt is empty, has an id out of range, or the longest prompt plus
     *                                  {@code maxNewTokens} exceeds the model's {@code max_position_embeddings}
     */
    public Generation generate(List<long[]> prompts, GenerationSettings settings) {
        int width = check(prompts, settings);
        int batch = prompts.size();
        long[][] ids = new long[batch][];
        for (int b = 0; b < batch; b++) {
            long[] p = prompts.get(b);
            ids[b] = new long[width];
            Arrays.fill(ids[b], 0, width - p.length, settings.padTokenId()); // left padding
            System.arraycopy(p, 0, ids[b], width - p.length, p.length);
        }
        int[] lengths = prompts.stream().mapToInt(p -> p.length).toArray();
        return run(lengths, width, settings, (ps, work) -> model.embed(ps,
                work.create(flatten(ids), new Shape(batch, width)), false)); // [B, W, d]
    }

    /**
     * Continues prompts given as input embeddings (Hugging Face's {@code generate(inputs_embeds=...)}: Video-LLaVA's
     * text and video tokens): they are left-padded to one length with the pad token's embedding (as {@link
     * #generate} pads ids), prefilled in one pass, and then decoded token by token from ids as there.
     *
     * @param prompts  one or more prompts, each [T_b, d], T_b &gt; 0, of the model's type
     * @param settings decoding, stop tokens and condition, maximum length
     * @return the new tokens of each prompt and why each ended
     * @throws IllegalArgumentException for an empty list, a prompt of another width or an empty one, or too long
     */
    public Generation generateFromEmbeddings(List<NDArray> prompts, GenerationSettings settings) {
        LlamaConfig config = model.config();
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("no prompt to continue");
        }
        int[] lengths = new int[prompts.size()];
        for (int b = 0; b < lengths.length; b++) {
            Shape s = prompts.get(b).getShape();
            if (s.dimension() != 2 || s.get(0) == 0 || s.get(1) != config.hiddenSize()) {
                throw new IllegalArgumentException("prompt " + b + " must be embeddings [T > 0, "
                        + config.hiddenSize() + "], got " + s);
            }
            lengths[b] = Math.toIntExact(s.get(0));
        }
        int width = Arrays.stream(lengths).max().orElseThrow();
        checkLength(width, settings);
        return run(lengths, width, settings, (ps, work) -> {
            NDArray pad = model.embed(ps, work.create(new long[] {settings.padTokenId()}), false); // [1, d]
            NDList rows = new NDList(lengths.length);
            for (int b = 0; b < lengths.length; b++) {
                NDArray p = prompts.get(b).toType(type, false); // [T_b, d]
                int missing = width - lengths[b];
                rows.add(missing == 0 ? p : pad.repeat(0, missing).concat(p, 0)); // [W, d]
            }
            return NDArrays.stack(rows); // [B, W, d]
        });
    }

    /** Makes the left-padded prompts' embeddings [B, W, d] on the work manager. */
    @FunctionalInterface
    private interface Prefix {
        NDArray embeddings(ParameterStore ps, NDManager work);
    }

    /** The loop shared by ids and embeddings: prefill from the prefix, then one token per step. */
    private Generation run(int[] lengths, int width, GenerationSettings settings, Prefix prefix) {
        checkPad(settings);
        int batch = lengths.length;
        long[][] real = new long[batch][];
        for (int b = 0; b < batch; b++) {
            real[b] = new long[width];
            Arrays.fill(real[b], width - lengths[b], width, 1);
        }
        TokenSampler sampler = new TokenSampler(settings);
        List<List<Long>> out = new ArrayList<>();
        Generation.Stop[] stops = new Generation.Stop[batch];
        for (int b = 0; b < batch; b++) {
            out.add(new ArrayList<>());
        }
        try (NDManager work = manager.newSubManager();
             KvCache cache = settings.useCache()
                     ? new KvCache(model.config(), batch, width + settings.maxNewTokens(), work, type) : null) {
            ParameterStore ps = new ParameterStore(work, false);
            NDArray start;
            try (NDScope scope = new NDScope()) {
                start = prefix.embeddings(ps, work); // [B, W, d]
                NDScope.unregister(start);
            }
            start.attach(work);
            long[][] fed = new long[batch][0]; // the tokens fed after the prompt
            float[][] logits = lastLogits(ps, work, start, null, real, cache); // prefill
            for (int n = 1; ; n++) {
                long[] next = new long[batch];
                for (int b = 0; b < batch; b++) {
                    next[b] = stops[b] != null ? settings.padTokenId() : choose(sampler, logits[b], settings, b,
                            out.get(b), stops, n);
                }
                if (Arrays.stream(stops).allMatch(s -> s != null)) {
                    break;
                }
                fed = append(fed, next);
                real = append(real, ones(batch));
                logits = settings.useCache()
                        ? lastLogits(ps, work, null, column(next), column(ones(batch)), cache)
                        : lastLogits(ps, work, start, fed, real, null);
            }
        }
        return new Generation(out.stream().map(l -> l.stream().mapToLong(Long::longValue).toArray()).toList(),
                Arrays.asList(stops));
    }

    /** Picks row b's next token, records it or the row's end; returns the token to feed next. */
    private static long choose(TokenSampler sampler, float[] logits, GenerationSettings settings, int b,
                               List<Long> out, Generation.Stop[] stops, int produced) {
        long token = sampler.next(logits);
        if (settings.stopTokenIds().contains(token)) {
            stops[b] = Generation.Stop.STOP_TOKEN;
            return settings.padTokenId();
        }
        out.add(token);
        if (settings.stopCondition() != null
                && settings.stopCondition().stopped(b, out.stream().mapToLong(Long::longValue).toArray())) {
            stops[b] = Generation.Stop.STOP_CONDITION;
        } else if (produced == settings.maxNewTokens()) {
            stops[b] = Generation.Stop.MAX_NEW_TOKENS;
        }
        return token;
    }

    /**
     * One forward step; returns the last position's logits per sequence as float32 [B][V]. The step's input is
     * {@code start} [B, W, d] followed by the embeddings of {@code ids} [B][n] (either may be absent).
     */
    private float[][] lastLogits(ParameterStore ps, NDManager work, NDArray start, long[][] ids, long[][] real,
                                 KvCache cache) {
        int batch = real.length;
        int t = real[0].length;
        try (NDScope scope = new NDScope()) {
            NDArray x = start;
            if (ids != null && ids[0].length > 0) {
                NDArray fed = model.embed(ps, work.create(flatten(ids), new Shape(batch, ids[0].length)), false);
                x = x == null ? fed : x.concat(fed, 1); // [B, T, d]
            }
            NDArray mask = work.create(flatten(real), new Shape(batch, t));
            NDArray logits = model.logitsFromEmbeddings(ps, x, mask, cache, true, false); // [B, 1, V]
            float[] flat = logits.toType(DataType.FLOAT32, false).toFloatArray();
            int vocab = flat.length / batch;
            float[][] rows = new float[batch][];
            for (int b = 0; b < batch; b++) {
                rows[b] = Arrays.copyOfRange(flat, b * vocab, (b + 1) * vocab);
            }
            return rows;
        }
    }

    /** @return the longest prompt's length, after checking every prompt and the total length */
    private int check(List<long[]> prompts, GenerationSettings settings) {
        LlamaConfig config = model.config();
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("no prompt to continue");
        }
        int width = 0;
        for (int b = 0; b < prompts.size(); b++) {
            long[] p = prompts.get(b);
            if (p.length == 0) {
                throw new IllegalArgumentException("prompt " + b + " is empty");
            }
            for (long id : p) {
                if (id < 0 || id >= config.vocabSize()) {
                    throw new IllegalArgumentException("prompt " + b + " has token id " + id
                            + ", outside the vocabulary of " + config.vocabSize());
                }
            }
            width = Math.max(width, p.length);
        }
        checkLength(width, settings);
        return width;
    }

    private void checkLength(int width, GenerationSettings settings) {
        LlamaConfig config = model.config();
        if ((long) width + settings.maxNewTokens() > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException("the longest prompt (" + width + " tokens) + " + settings.maxNewTokens()
                    + " new tokens exceed the model's max_position_embeddings " + config.maxPositionEmbeddings());
        }
    }

    private void checkPad(GenerationSettings settings) {
        LlamaConfig config = model.config();
        if (settings.padTokenId() < 0 || settings.padTokenId() >= config.vocabSize()) {
            throw new IllegalArgumentException("pad token id " + settings.padTokenId() + " is outside the vocabulary of "
                    + config.vocabSize());
        }
    }

    private static long[] flatten(long[][] rows) {
        return Arrays.stream(rows).flatMapToLong(Arrays::stream).toArray();
    }

    private static long[][] append(long[][] rows, long[] column) {
        long[][] out = new long[rows.length][];
        for (int b = 0; b < rows.length; b++) {
            out[b] = Arrays.copyOf(rows[b], rows[b].length + 1);
            out[b][rows[b].length] = column[b];
        }
        return out;
    }

    private static long[][] column(long[] values) {
        return Arrays.stream(values).mapToObj(v -> new long[] {v}).toArray(long[][]::new);
    }

    private static long[] ones(int n) {
        long[] o = new long[n];
        Arrays.fill(o, 1);
        return o;
    }
}
