package org.omnisila.engine.icm;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.omnisila.engine.api.SentimentLabels;

/**
 * The one configuration record of the ICM model: the constructor argument of every block, saved as JSON with
 * each checkpoint. Two presets share one code path: {@link #small()} (the embedded default, trains on a laptop
 * CPU) and {@link #paper()} (the paper's 4 experts x 8 layers at the width of Video-LLaVA-7B's decoder).
 *
 * @param version        format version of this record on disk
 * @param name           preset or user-given name
 * @param sceneWidths    input feature width of each scene, in the order face, action, object, background
 *                       (the four scene feature widths differ, paper section 3.1)
 * @param frames         frames per segment (8, as Video-LLaVA samples)
 * @param hidden         hidden width d of every expert, of the router and of IEC
 * @param expertLayers   transformer layers per scene expert (the paper: 8)
 * @param heads          attention heads; must divide {@code hidden}
 * @param dictionarySize IEC dictionary size K (cluster centres of training embeddings)
 * @param temporalLayers layers of the temporal context across a video's segments
 * @param dropout        dropout probability in [0, 1)
 * @param alpha          weight of the routing-entropy term of L_rb (paper: 1e-4)
 * @param beta           weight of the load-balancing term of L_rb (paper: 1e-2)
 * @param labels         identification labels, in output order
 */
public record IcmConfig(@JsonProperty("version") int version, @JsonProperty("name") String name,
                        @JsonProperty("sceneWidths") List<Integer> sceneWidths, @JsonProperty("frames") int frames,
                        @JsonProperty("hidden") int hidden, @JsonProperty("expertLayers") int expertLayers,
                        @JsonProperty("heads") int heads, @JsonProperty("dictionarySize") int dictionarySize,
                        @JsonProperty("temporalLayers") int temporalLayers, @JsonProperty("dropout") double dropout,
                        @JsonProperty("alpha") double alpha, @JsonProperty("beta") double beta,
                        @JsonProperty("labels") List<String> labels) {
    public static final int VERSION = 1;
    /** Number of scene experts: face, action, object, background. */
    public static final int SCENES = 4;

    public IcmConfig {
        if (version != VERSION) {
            throw new IllegalArgumentException("ICM config version " + version + " is not supported (this build reads "
                    + VERSION + ")");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        if (sceneWidths == null || sceneWidths.size() != SCENES) {
            throw new IllegalArgumentException("sceneWidths needs " + SCENES
                    + " widths (face, action, object, background), got " + sceneWidths);
        }
        for (int w : sceneWidths) {
            positive("sceneWidths[]", w);
        }
        positive("frames", frames);
        positive("hidden", hidden);
        positive("expertLayers", expertLayers);
        positive("heads", heads);
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden " + hidden + " is not divisible by heads " + heads);
        }
        positive("dictionarySize", dictionarySize);
        if (temporalLayers < 0) {
            throw new IllegalArgumentException("temporalLayers must be >= 0, got " + temporalLayers);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must lie in [0, 1), got " + dropout);
        }
        if (!(alpha >= 0 && Double.isFinite(alpha)) || !(beta >= 0 && Double.isFinite(beta))) {
            throw new IllegalArgumentException("alpha and beta must be finite and >= 0, got " + alpha + ", " + beta);
        }
        if (labels == null || labels.size() < 2 || labels.stream().distinct().count() != labels.size()) {
            throw new IllegalArgumentException("labels need at least two distinct names, got " + labels);
        }
        sceneWidths = List.copyOf(sceneWidths);
        labels = List.copyOf(labels);
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }

    /** The width of scene {@code index} (0 face, 1 action, 2 object, 3 background). */
    public int sceneWidth(int index) {
        return sceneWidths.get(index);
    }

    /**
     * The embedded default: small enough to train on a laptop CPU in minutes. The scene widths are provisional
     * until the scene extractors fix their feature layouts; the labels are the explicit and implicit sets.
     */
    public static IcmConfig small() {
        return new IcmConfig(VERSION, "small", List.of(64, 96, 48, 32), 8, 64, 2, 4, 32, 1, 0.1, 1e-4, 1e-2,
                allLabels());
    }

    /** The paper's: 4 experts x 8 layers at the hidden width of Vicuna-7B (4096), 32 heads. */
    public static IcmConfig paper() {
        return new IcmConfig(VERSION, "paper", List.of(64, 96, 48, 32), 8, 4096, 8, 32, 256, 1, 0.05, 1e-4, 1e-2,
                allLabels());
    }

    /** This configuration with the scene widths and labels of a data set. */
    public IcmConfig withData(List<Integer> widths, List<String> newLabels) {
        return new IcmConfig(version, name, widths, frames, hidden, expertLayers, heads, dictionarySize,
                temporalLayers, dropout, alpha, beta, newLabels);
    }

    private static List<String> allLabels() {
        List<String> l = new ArrayList<>(SentimentLabels.EXPLICIT);
        l.addAll(SentimentLabels.IMPLICIT);
        return l;
    }
}
