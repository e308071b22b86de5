package org.omnisila.engine.eval;

import java.util.List;

/** The text measures the attribution metrics need; implemented with ROUGE, MiniLM and label mentions. */
public interface AttributionScorer {
    /** F1 of ROUGE-1, ROUGE-2 and ROUGE-L of {@code candidate} against {@code reference}, in that order. */
    double[] rougeF1(String candidate, String reference);

    /** Cosine similarity of each candidate with its reference; NaNs when no sentence embedder is available. */
    double[] cosine(List<String> candidates, List<String> references);

    /** The single label the text states, or {@code null} when it states none or several. */
    String statedLabel(String text, List<String> labels);
}
