package org.omnisila.engine.instruct;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.api.SentimentLabels;

/**
 * The wording of the instructions and answers of both training stages, after the paper's section 4.1
 * (docs/formats.md, "Instruction data sets" lists them). Scene-tuning asks "Please describe the ..." for one scene;
 * Omni-SILA tuning begins with "You will be presented with a video. After watching the video," and asks to
 * identify, locate or attribute the visual sentiment.
 *
 * <p>The one source of this wording: the annotator's exporter writes the training sets with it ({@code omnisila
 * annotate export}), and the full model's analysis ({@code org.omnisila.engine.llm.run.FullAnalyzer}) asks an adapter
 * tuned on them the same questions and scores labels by the same answers.
 */
public final class TuningInstructions {

    /** What Video-LLaVA puts where the video's tokens go; it starts every question. */
    public static final String VIDEO_TOKEN = "<video>\n";

    /** The beginning of every Omni-SILA tuning instruction (paper section 4.1). */
    public static final String PREAMBLE = "You will be presented with a video. After watching the video, ";

    private TuningInstructions() {
    }

    /** The scene-tuning question for one scene, e.g. {@code "Please describe the facial expression."}. */
    public static String describe(Scene scene) {
        return switch (scene) {
            case FACE -> "Please describe the facial expression.";
            case ACTION -> "Please describe the human action.";
            case OBJECT -> "Please describe the image region.";
            case BACKGROUND -> "Please describe the background.";
        };
    }

    /**
     * {@code "explicit"} for the labels facial expression carries (positive, negative, neutral), else
     * {@code "implicit"} (the surveillance classes, paper section 4.1).
     */
    public static String kind(String label) {
        return SentimentLabels.EXPLICIT.contains(label) ? "explicit" : "implicit";
    }

    /** The identify question. */
    public static String identifyQuestion(String label) {
        return PREAMBLE + "please identify the " + kind(label) + " visual sentiment in the video.";
    }

    /** The identify answer: {@code "The implicit visual sentiment is Fighting."}. */
    public static String identifyAnswer(String label) {
        return "The " + kind(label) + " visual sentiment is " + label + ".";
    }

    /** The locate question. */
    public static String locateQuestion(String label) {
        return PREAMBLE + "please locate the timestamp when the " + kind(label) + " visual sentiment " + label
                + " occurs.";
    }

    /** The locate answer: {@code "The location of Fighting is from 4s to 18.5s."}; see {@link #seconds}. */
    public static String locateAnswer(String label, double start, double end) {
        return "The location of " + label + " is from " + seconds(start) + "s to " + seconds(end) + "s.";
    }

    /** The attribute question. */
    public static String attributeQuestion(String label) {
        return PREAMBLE + "please attribute the " + kind(label) + " visual sentiment " + label
                + " considering facial expression, human action, object relations and visual backgrounds.";
    }

    /** The attribute answer: the reviewed summary as it is. */
    public static String attributeAnswer(String summary) {
        return summary;
    }

    /**
     * Seconds as the answers write them: rounded to a tenth (half up), without a trailing {@code .0}: 4 gives
     * {@code "4"}, 4.25 gives {@code "4.3"}, 18.04 gives {@code "18"}. Negative zero is {@code "0"}.
     */
    public static String seconds(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
        if (rounded.signum() == 0) {
            return "0";
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
