package org.omnisila.engine.llm.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.instruct.TuningInstructions;
import org.omnisila.engine.llm.text.PromptTokens;
import org.omnisila.engine.llm.video.MultimodalSequence;
import org.omnisila.engine.video.VideoCancelledException;

/**
 * The model's own probability of each known label: for each label the teacher-forced log-likelihood of the
 * Omni-SILA tuning answer "The KIND visual sentiment is LABEL." ({@link TuningInstructions#identifyAnswer}; KIND
 * explicit for positive/negative/neutral, implicit otherwise) after the prompt (one for all labels, or each label's
 * own), summed over the answer's tokens, then a softmax over the labels: p(label) = exp(ll_label) / sum exp(ll). One forward pass of prompt + answer per label
 * (15 for the explicit and implicit sets; each as long as a prefill, so about 15 prefills of ~2,100 positions at 7B).
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
        Map<String, PromptTokens> prompts = new HashMap<>();
        double[] ll = new double[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            if (cancelled.getAsBoolean()) {
                throw new VideoCancelledException(video.video(), 0, video.duration());
            }
            PromptTokens prompt = prompts.computeIfAbsent(question.apply(labels.get(i)),
                    q -> model.prompt(List.of(), q));
            ll[i] = logLikelihood(model, video, prompt, model.tokenizer().encode(answer(labels.get(i))));
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
        return NoGrad.run(() -> forward(model, video, prompt, answer));
    }

    private static double forward(FullModel model, PreparedVideo video, PromptTokens prompt, long[] answer) {
        long[] ids = new long[prompt.ids().length + answer.length];
        System.arraycopy(prompt.ids(), 0, ids, 0, prompt.ids().length);
        System.arraycopy(answer, 0, ids, prompt.ids().length, answer.length);
        try (NDManager work = model.manager().newSubManager()) {
            ParameterStore ps = new ParameterStore(work, false);
            NDArray pixels = FullModel.own(video.pixels(), work);
            NDArray scene = video.sceneTokens() == null ? null : FullModel.own(video.sceneTokens(), work);
            List<MultimodalSequence.Sequence> seqs = model.model().sequences(ps, List.of(ids), null,
                    List.of(prompt.imagePositions()), List.of(pixels), scene, false);
            NDArray x = seqs.get(0).embeddings().expandDims(0); // [1, L, d]
            long length = x.getShape().get(1);
            NDArray logits = model.model().decoder().logitsFromEmbeddings(ps, x, null, null, false, false); // [1, L, V]
            // positions L-k-1 .. L-2 predict the k answer tokens (the last k positions of the sequence)
            NDArray rows = logits.get("0, " + (length - answer.length - 1) + ":" + (length - 1) + ", :")
                    .toType(DataType.FLOAT32, false).logSoftmax(-1); // [k, V]
            float[] lp = rows.toFloatArray();
            int vocab = Math.toIntExact(rows.getShape().get(1));
            double sum = 0;
            for (int i = 0; i < answer.length; i++) {
                sum += lp[i * vocab + Math.toIntExact(answer[i])];
            }
            return sum;
        }
    }

    /** @return the explicit labels then the implicit ones, as {@link SentimentLabels} lists them */
    public static List<String> known() {
        List<String> all = new java.util.ArrayList<>(SentimentLabels.EXPLICIT);
        all.addAll(SentimentLabels.IMPLICIT);
        return all;
    }

}
