package org.omnisila.engine.eval.text;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.eval.AttributionScorer;

/**
 * The attribution measures of the evaluation suite: {@link Rouge} for Sem-R, {@link SentenceEmbedder} (MiniLM)
 * for Sem-C, {@link SentimentMention} for Sen-A. Without an embedder, Sem-C is NaN (reported as not computed).
 */
public final class TextAttributionScorer implements AttributionScorer {
    private final SentenceEmbedder embedder;
    private final Map<List<String>, SentimentMention> mentions = new HashMap<>();

    /** @param embedder the sentence embedder, or {@code null} to skip Sem-C */
    public TextAttributionScorer(SentenceEmbedder embedder) {
        this.embedder = embedder;
    }

    @Override
    public double[] rougeF1(String candidate, String reference) {
        RougeScores s = Rouge.score(candidate, reference);
        return new double[] {s.rouge1().f1(), s.rouge2().f1(), s.rougeL().f1()};
    }

    @Override
    public double[] cosine(List<String> candidates, List<String> references) {
        double[] out = new double[candidates.size()];
        if (embedder == null) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        List<float[]> a = embedder.embed(candidates);
        List<float[]> b = embedder.embed(references);
        for (int i = 0; i < out.length; i++) {
            out[i] = SentenceEmbedder.cosine(a.get(i), b.get(i));
        }
        return out;
    }

    @Override
    public String statedLabel(String text, List<String> labels) {
        return mentions.computeIfAbsent(List.copyOf(labels), SentimentMention::new).find(text).orElse(null);
    }
}
