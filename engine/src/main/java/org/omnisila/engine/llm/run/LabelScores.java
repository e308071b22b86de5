package org.omnisila.engine.llm.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.instruct.TuningInstructions;
import org.omnisila.engine.llm.KvCache;
import org.omnisila.engine.llm.LlamaForCausalLM;
import org.omnisila.engine.llm.text.PromptTokens;
import org.omnisila.engine.llm.video.MultimodalSequence;
import org.omnisila.engine.video.VideoCancelledException;

/**
 * The model's own probability of each known label: for each label the teacher-forced log-likelihood of the
 * Omni-SILA tuning answer "The KIND visual sentiment is LABEL." ({@link TuningInstructions#identifyAnswer}; KIND
 * explicit for positive/negative/neutral, implicit otherwise) after the prompt (one for all labels, or each label's
 * own), summed over the answer's tokens, then a softmax over the labels: p(label) = exp(ll_label) / sum exp(ll).
 * Each distinct prompt runs once into a KV cache, and each label's answer (about 10 tokens) runs on top of it: for
 * the 15 labels after the two identify questions, 2 prefills of ~2,100 positions and 15 short steps at 7B (it was
 * one prefill-sized pass per label).
 *
 * <p>The answer's tokens are encoded on their own and appended to the prompt's ids (the way Video-LLaVA's
 * {@code preprocess_v1} tokenizes a conversation piece by piece is approximated: the leading "\u2581" of the answer
 * stands for the space after "ASSISTANT:").
 */
public final class LabelScores {
    private LabelScores() {
    }

    /** @return "The explicit visual sentiment is positive." and the like ({@link TuningInstructions#identifyAnswer}) */
    public static String answer(String label) {
        return TuningInstructions.identifyAnswer(label);
    }

    /**
     * @param model       the loaded model
     * @param video       the prepared video
     * @param instruction the question the answers answer
     * @param labels      the labels to score (at least one)
     * @param cancelled   polled between labels
     * @return label -&gt; probability, in the order given, summing to 1
     */
    public static Map<String, Double> score(FullModel model, PreparedVideo video, String instruction,
                                            List<String> labels, BooleanSupplier cancelled) {
        return score(model, video, label -> instruction, labels, cancelled);
    }

    /**
     * The same with a question per label: label i's answer is scored after {@code question.apply(label i)} (each a
     * fresh conversation about the video). With {@link TuningInstructions#identifyQuestion} each label is scored
     * after its own kind's identify question, the way the adapter was tuned; the softmax then compares
     * log p(answer | its question) across two prompts, which assumes the model's answer likelihoods are on one scale
     * across the two (docs/full-model.md, "Label scores").
     *
     * @param question  the question each label's answer answers
     * @param cancelled polled between labels
     * @return label -&gt; probability, in the order given, summing to 1
     */
    public static Map<String, Double> score(FullModel model, PreparedVideo video, Function<String, String> question,
                                            List<String> labels, BooleanSupplier cancelled) {
        return score(model, video, video.sceneTokens(), question, labels, cancelled);
    }

    /**
     * The same from other scene tokens than the video's own: an intervention's ({@link PreparedVideo#interventions}),
     * for the causal effect of a scene on the scores.
     *
     * @param sceneTokens [1, 8, d], or null without a scene block
     */
    public static Map<String, Double> score(FullModel model, PreparedVideo video, NDArray sceneTokens,
                                            Function<String, String> question, List<String> labels,
                                            BooleanSupplier cancelled) {
        Map<String, List<Integer>> byQuestion = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            byQuestion.computeIfAbsent(question.apply(labels.get(i)), q -> new ArrayList<>()).add(i);
        }
        double[] ll = new double[labels.size()];
        for (Map.Entry<String, List<Integer>> e : byQuestion.entrySet()) {
            List<long[]> answers = e.getValue().stream()
                    .map(i -> model.tokenizer().encode(answer(labels.get(i)))).toList();
            PromptTokens prompt = model.prompt(List.of(), e.getKey());
            double[] got = NoGrad.run(() -> logLikelihoods(model, video, sceneTokens, prompt, answers, cancelled));
            for (int j = 0; j < got.length; j++) {
                ll[e.getValue().get(j)] = got[j];
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : ll) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : ll) {
            sum += Math.exp(v - max);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            out.put(labels.get(i), Math.exp(ll[i] - max) / sum);
        }
        return out;
    }

    /**
     * @return sum over the answer's tokens of log p(token | everything before it), natural log
     */
    static double logLikelihood(FullModel model, PreparedVideo video, PromptTokens prompt, long[] answer) {
        return NoGrad.run(() -> logLikelihoods(model, video, video.sceneTokens(), prompt, List.of(answer),
                () -> false))[0];
    }

    /**
     * The prompt runs once, into a KV cache; each answer then runs on top of it as one step of its tokens, and the
     * cache is cut back to the prompt for the next. The answer's tokens are plain text embeddings, as in training
     * (where they are supervised, so ADD's scene vector skips them) and in generation.
     *
     * @return per answer, the sum over its tokens of log p(token | everything before it)
     */
    private static double[] logLikelihoods(FullModel model, PreparedVideo video, NDArray sceneTokens,
                                           PromptTokens prompt, List<long[]> answers, BooleanSupplier cancelled) {
        int longest = answers.stream().mapToInt(a -> a.length).max().orElse(0);
        double[] out = new double[answers.size()];
        LlamaForCausalLM decoder = model.model().decoder();
        try (NDManager work = model.manager().newSubManager()) {
            ParameterStore ps = new ParameterStore(work, false);
            NDArray pixels = FullModel.own(video.pixels(), work);
            NDArray scene = sceneTokens == null ? null : FullModel.own(sceneTokens, work);
            List<MultimodalSequence.Sequence> seqs = model.model().sequences(ps, List.of(prompt.ids()), null,
                    List.of(prompt.imagePositions()), List.of(pixels), scene, false);
            NDArray x = seqs.get(0).embeddings().expandDims(0); // [1, Lp, d]
            int promptLength = Math.toIntExact(x.getShape().get(1));
            try (KvCache cache = new KvCache(decoder.config(), 1, promptLength + longest, work, x.getDataType())) {
                float[] first = logSoftmax(decoder.logitsFromEmbeddings(ps, x, null, cache, true, false)); // [V]
                int vocab = first.length;
                for (int j = 0; j < answers.size(); j++) {
                    if (cancelled.getAsBoolean()) {
                        throw new VideoCancelledException(video.video(), 0, video.duration());
                    }
                    long[] answer = answers.get(j);
                    double sum = first[Math.toIntExact(answer[0])];
                    if (answer.length > 1) {
                        try (NDManager step = work.newSubManager()) {
                            ParameterStore sps = new ParameterStore(step, false);
                            NDArray ids = step.create(Arrays.copyOf(answer, answer.length - 1))
                                    .reshape(1, answer.length - 1);
                            float[] lp = logSoftmax(decoder.logitsFromEmbeddings(sps, decoder.embed(sps, ids, false),
                                    null, cache, false, false)); // [k-1, V]: position i predicts answer[i + 1]
                            for (int i = 1; i < answer.length; i++) {
                                sum += lp[(i - 1) * vocab + Math.toIntExact(answer[i])];
                            }
                        }
                        cache.truncate(promptLength);
                    }
                    out[j] = sum;
                }
            }
        }
        return out;
    }

    /** @return log-softmax over the vocabulary of logits [1, T, V], as T x V floats */
    private static float[] logSoftmax(NDArray logits) {
        return logits.toType(DataType.FLOAT32, false).logSoftmax(-1).toFloatArray();
    }

    /** @return the explicit labels then the implicit ones, as {@link SentimentLabels} lists them */
    public static List<String> known() {
        List<String> all = new java.util.ArrayList<>(SentimentLabels.EXPLICIT);
        all.addAll(SentimentLabels.IMPLICIT);
        return all;
    }

}
