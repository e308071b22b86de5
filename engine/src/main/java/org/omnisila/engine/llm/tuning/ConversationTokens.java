package org.omnisila.engine.llm.tuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.omnisila.engine.llm.text.LlmTokenizer;
import org.omnisila.engine.llm.text.PromptTokens;
import org.omnisila.engine.llm.text.VicunaTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training conversation as token ids and labels, as Video-LLaVA's {@code preprocess_multimodal} and
 * {@code preprocess_v1} (videollava/train/train.py) make them.
 *
 * <ol>
 * <li>Every {@code <video>} in a turn becomes {@code frames} x {@code <image>} in place (Video-LLaVA does not move it;
 *     the export writes it first, followed by "\n", which is also where inference puts it).</li>
 * <li>The conversation is rendered with the v1 template (separator style TWO): {@code SYSTEM + " "}, then per
 *     question {@code "USER: " + q + " "}, per answer {@code "ASSISTANT: " + a + "</s>"}. A conversation starting with
 *     an answer loses that turn; roles must alternate.</li>
 * <li>Ids: {@code tokenizer_image_token} ({@link VicunaTemplate#tokens}: one {@code <s>}, the text split at each
 *     {@code <image>}, each piece encoded alone, a placeholder between pieces).</li>
 * <li>Labels = ids, then masked with {@link #IGNORE} = -100: position 0 ({@code <s>}); then the text is split at
 *     "</s>" into rounds, each round at " ASSISTANT: " into instruction and answer; with {@code cur = 1}, per round
 *     {@code round_len = len(tokenizer_image_token(round))} and {@code instruction_len =
 *     len(tokenizer_image_token(instruction + " ASSISTANT: ")) - 2}, positions {@code [cur, cur + instruction_len)}
 *     are masked and {@code cur += round_len}; everything from the final {@code cur} is masked. The offsets:
 *     {@code round_len} counts the round's own {@code <s>} but not the "</s>" that follows it in the conversation,
 *     one token each, so {@code cur} moves exactly to the next round's start. {@code - 2} in {@code instruction_len}
 *     is one for that {@code <s>} and one for the trailing space of " ASSISTANT: ": encoded alone it is a token "▁"
 *     of its own, while in the conversation it is the "▁" that begins the answer's first token. So the masked part
 *     is exactly the instruction up to "ASSISTANT:", and the answer and its "</s>" are supervised.</li>
 * <li>Video-LLaVA's check: when the round arithmetic does not end at the sequence's length (a tokenizer whose pieces
 *     do not add up, a question containing " ASSISTANT: "), all labels are masked with a warning
 *     ("tokenization mismatch"), so such an example trains nothing.</li>
 * </ol>
 *
 * <p>Placeholders: Video-LLaVA puts -200 at image positions; here it is the tokenizer's {@code <image>} (or
 * {@code unk}) with the positions in {@link #imagePositions} ({@link VicunaTemplate#tokens}), and their labels are
 * masked (they are in the instruction). The multimodal model replaces each by {@code tokensPerImage} (257) video
 * embeddings with label -100, as {@code prepare_inputs_labels_for_multimodal} does, then cuts the sequence at
 * {@code tokenizer_model_max_length}: {@link #truncated} does that cut in advance.
 *
 * @param ids            token ids [T]
 * @param labels         [T]: ids where supervised, {@link #IGNORE} elsewhere
 * @param imagePositions where the image placeholders are, ascending
 * @param warnings       mismatch or truncation, in words
 */
public record ConversationTokens(long[] ids, long[] labels, int[] imagePositions, List<String> warnings) {
    /** The label of a position that is not supervised (PyTorch's {@code ignore_index}, Video-LLaVA's IGNORE_INDEX). */
    public static final long IGNORE = -100;
    private static final Logger LOG = LoggerFactory.getLogger(ConversationTokens.class);
    private static final String ROUND_SEP = VicunaTemplate.SEP + VicunaTemplate.ASSISTANT + ": ";

    /** Copies and checks. */
    public ConversationTokens {
        ids = ids.clone();
        labels = labels.clone();
        imagePositions = imagePositions.clone();
        warnings = List.copyOf(warnings);
        if (ids.length != labels.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + labels.length + " labels");
        }
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    @Override
    public long[] labels() {
        return labels.clone();
    }

    @Override
    public int[] imagePositions() {
        return imagePositions.clone();
    }

    /** @return T */
    public int length() {
        return ids.length;
    }

    /** @return how many labels are supervised */
    public int supervised() {
        return (int) Arrays.stream(labels).filter(l -> l != IGNORE).count();
    }

    /**
     * @param turns the conversation (Video-LLaVA's {@code from} "human" / "gpt" turns)
     * @return the text the template makes of it (after {@code <video>} is expanded)
     */
    public static String render(VicunaTemplate template, List<InstructionDataset.Turn> turns) {
        List<InstructionDataset.Turn> t = turns;
        if (!t.isEmpty() && t.get(0).assistant()) {
            t = t.subList(1, t.size()); // "Skip the first one if it is not from human"
        }
        StringBuilder out = new StringBuilder(template.system()).append(VicunaTemplate.SEP);
        for (int j = 0; j < t.size(); j++) {
            InstructionDataset.Turn turn = t.get(j);
            if (turn.assistant() != (j % 2 == 1)) {
                throw new IllegalArgumentException("turn " + j + " is from \"" + turn.from() + "\" but the turns must "
                        + "alternate human, gpt, human, ...");
            }
            String value = turn.value().replace(VicunaTemplate.VIDEO, VicunaTemplate.IMAGE.repeat(template.frames()));
            out.append(turn.assistant() ? VicunaTemplate.ASSISTANT : VicunaTemplate.USER).append(": ").append(value)
                    .append(turn.assistant() ? VicunaTemplate.SEP2 : VicunaTemplate.SEP);
        }
        return out.toString();
    }

    /**
     * @param tokenizer the model's tokenizer ({@code add_bos_token}: LLaMA's)
     * @param template  the template, whose system prompt must be the one inference uses
     * @param turns     the conversation
     * @return ids, labels and image positions, as preprocess_v1 (above)
     * @throws IllegalArgumentException when the roles do not alternate, or the tokenizer adds no {@code <s>}
     *                                  (preprocess_v1's offsets assume one)
     */
    public static ConversationTokens of(LlmTokenizer tokenizer, VicunaTemplate template,
                                        List<InstructionDataset.Turn> turns) {
        if (!tokenizer.special().addBos()) {
            throw new IllegalArgumentException("the tokenizer adds no <s>; Video-LLaVA's label offsets assume one");
        }
        String conversation = render(template, turns);
        PromptTokens tokens = template.tokens(tokenizer, conversation);
        long[] ids = tokens.ids();
        long[] labels = ids.clone();
        List<String> warnings = new ArrayList<>();

        int cur = 1;
        labels[0] = IGNORE;
        for (String round : conversation.split(Pattern.quote(VicunaTemplate.SEP2), -1)) {
            if (round.isEmpty()) {
                break;
            }
            String[] parts = round.split(Pattern.quote(ROUND_SEP), -1);
            if (parts.length != 2) {
                break;
            }
            int roundLen = template.tokens(tokenizer, round).ids().length;
            int instructionLen = template.tokens(tokenizer, parts[0] + ROUND_SEP).ids().length - 2;
            fill(labels, cur, cur + instructionLen);
            cur += roundLen;
        }
        fill(labels, cur, labels.length);
        int total = ids.length; // target.ne(pad).sum() with -200 at image positions: every position
        if (cur != total) {
            Arrays.fill(labels, IGNORE);
            warnings.add("tokenization mismatch: " + cur + " vs. " + total + " (the example is not supervised)");
            LOG.warn(warnings.get(warnings.size() - 1));
        }
        return new ConversationTokens(ids, labels, tokens.imagePositions(), warnings);
    }

    private static void fill(long[] labels, int from, int to) {
        int a = Math.min(Math.max(from, 0), labels.length);
        int b = Math.min(Math.max(to, a), labels.length);
        Arrays.fill(labels, a, b, IGNORE);
    }

    /**
     * The length once each image placeholder is replaced by {@code tokensPerImage} embeddings.
     *
     * @param tokensPerImage embeddings per frame (257 for Video-LLaVA's LanguageBind tower at 224/14)
     */
    public int expandedLength(int tokensPerImage) {
        return ids.length + imagePositions.length * (tokensPerImage - 1);
    }

    /**
     * Video-LLaVA's cut at {@code tokenizer_model_max_length}, made on the ids: the tokens whose embeddings fall
     * beyond {@code maxLength} once every image is expanded are dropped, with a warning saying how many and how many
     * supervised labels went with them.
     *
     * @param maxLength      the longest expanded sequence (Video-LLaVA's {@code tokenizer_model_max_length})
     * @param tokensPerImage embeddings per image placeholder
     * @return this when it fits, else the cut tokens
     * @throws IllegalArgumentException when the cut would fall inside an image's embeddings (maxLength too small for
     *                                  the video)
     */
    public ConversationTokens truncated(int maxLength, int tokensPerImage) {
        if (expandedLength(tokensPerImage) <= maxLength) {
            return this;
        }
        int keep = 0;
        int expanded = 0;
        int image = 0;
        while (keep < ids.length) {
            boolean isImage = image < imagePositions.length && imagePositions[image] == keep;
            int width = isImage ? tokensPerImage : 1;
            if (expanded + width > maxLength) {
                if (isImage && expanded < maxLength) {
                    throw new IllegalArgumentException("model_max_length " + maxLength + " cuts into the video's "
                            + "embeddings (image " + image + " at position " + keep + " needs up to " + (expanded
                            + width) + "); raise it");
                }
                break;
            }
            expanded += width;
            if (isImage) {
                image++;
            }
            keep++;
        }
        long[] lab = Arrays.copyOf(labels, keep);
        int lost = supervised() - (int) Arrays.stream(lab).filter(l -> l != IGNORE).count();
        List<String> w = new ArrayList<>(warnings);
        w.add("truncated at model_max_length " + maxLength + ": " + (ids.length - keep) + " of " + ids.length
                + " tokens dropped, " + lost + " supervised labels with them");
        LOG.warn(w.get(w.size() - 1));
        return new ConversationTokens(Arrays.copyOf(ids, keep), lab, Arrays.copyOf(imagePositions, image), w);
    }
}
