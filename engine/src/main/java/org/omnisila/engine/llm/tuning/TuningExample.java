package org.omnisila.engine.llm.tuning;

import java.util.List;
import java.util.Objects;
import org.omnisila.engine.llm.text.LlmTokenizer;
import org.omnisila.engine.llm.text.VicunaTemplate;
import org.omnisila.engine.scene.SceneExtractor;

/**
 * One training example of the full model: the conversation's tokens and labels, and what the video gives the model.
 *
 * @param id     the data set entry's id
 * @param tokens ids, labels, image positions
 * @param frames the eight frames (for the video tower), or null for a text-only example
 * @param scenes the scene features of those frames (for the SBM and IEC blocks), or null
 */
public record TuningExample(String id, ConversationTokens tokens, VideoFrames8 frames, SceneInputs scenes) {
    /** Checks. */
    public TuningExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * An entry of an instruction data set made ready for training: its conversation tokenized and cut at
     * {@code maxLength} (counting each image as {@code tokensPerImage} embeddings), its 8 frames decoded and, when
     * extractors are given, their scene features.
     *
     * @param entry          the data set entry
     * @param tokenizer      the model's tokenizer
     * @param template       the template inference uses (its system prompt)
     * @param extractors     the four scene extractors in scene order, or null for no scene features
     * @param maxLength      Video-LLaVA's {@code tokenizer_model_max_length}
     * @param tokensPerImage embeddings per image placeholder (257)
     * @throws org.omnisila.engine.video.VideoFormatException when the media cannot be decoded
     */
    public static TuningExample of(InstructionDataset.Entry entry, LlmTokenizer tokenizer, VicunaTemplate template,
                                   List<SceneExtractor> extractors, int maxLength, int tokensPerImage) {
        ConversationTokens tokens = ConversationTokens.of(tokenizer, template, entry.turns())
                .truncated(maxLength, tokensPerImage);
        VideoFrames8 frames = entry.media().frames8();
        SceneInputs scenes = extractors == null ? null : SceneInputs.extract(extractors, frames);
        return new TuningExample(entry.id(), tokens, frames, scenes);
    }
}
