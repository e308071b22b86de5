package org.omnisila.engine.llm.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The Vicuna v1 conversation template as Video-LLaVA uses it (its {@code conversation.py}, separator style TWO, and
 * {@code serve/cli.py}), and its tokenization with the video's image placeholders.
 *
 * <p>The prompt of one question about a video, with the default system prompt ({@code conv_llava_v1}):
 * <pre>
 * A chat between a curious human and an artificial intelligence assistant. The assistant gives helpful, detailed,
 * and polite answers to the human's questions. USER: &lt;image&gt;&lt;image&gt;...&lt;image&gt;\n{instruction} ASSISTANT:
 * </pre>
 * (one line; eight {@code <image>}, one per frame: Video-LLaVA writes {@code <video>} as
 * {@code num_frames} x {@code <image>}, then a newline, then the question). Earlier turns are
 * {@code USER: {question} ASSISTANT: {answer}</s>}: separator " " after a user turn, "</s>" after an answer.
 * Video-LLaVA's training template {@code conv_vicuna_v1} has the same layout with "a curious user" and "the user's
 * questions" ({@link #SYSTEM_VICUNA_V1}); its inference uses {@code conv_llava_v1} ({@link #SYSTEM_LLAVA_V1}).
 *
 * <p>Tokenization follows Video-LLaVA's {@code tokenizer_image_token}: the prompt is split at each {@code <image>},
 * each piece is encoded on its own (so each gets LLaMA's leading "\u2581"), one {@code <s>} goes first, and one
 * placeholder id goes between the pieces. Video-LLaVA uses the id -200 there, which is not a token; here the
 * placeholder is the tokenizer's own {@code <image>} token where it has one (llava-hf's tokenizers add it) and
 * otherwise {@code unk}, so every id is a valid embedding index, and the positions are returned beside the ids.
 */
public final class VicunaTemplate {
    public static final String SYSTEM_LLAVA_V1 = "A chat between a curious human and an artificial intelligence "
            + "assistant. The assistant gives helpful, detailed, and polite answers to the human's questions.";
    public static final String SYSTEM_VICUNA_V1 = "A chat between a curious user and an artificial intelligence "
            + "assistant. The assistant gives helpful, detailed, and polite answers to the user's questions.";
    public static final String USER = "USER";
    public static final String ASSISTANT = "ASSISTANT";
    public static final String SEP = " ";
    public static final String SEP2 = "</s>";
    public static final String IMAGE = "<image>";
    public static final String VIDEO = "<video>";
    /** Video-LLaVA's frames per video (LanguageBind's {@code num_frames}). */
    public static final int FRAMES = 8;

    /** One earlier question and its answer. */
    public record Turn(String user, String assistant) {
    }

    private final String system;
    private final int frames;

    /** The template Video-LLaVA answers with: {@link #SYSTEM_LLAVA_V1}, {@link #FRAMES} frames. */
    public VicunaTemplate() {
        this(SYSTEM_LLAVA_V1, FRAMES);
    }

    /**
     * @param system the system prompt
     * @param frames image placeholders per video, &gt;= 1
     */
    public VicunaTemplate(String system, int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1 but was " + frames);
        }
        this.system = system;
        this.frames = frames;
    }

    /** @return the system prompt, the text before the first "USER:" */
    public String system() {
        return system;
    }

    /** @return image placeholders per video */
    public int frames() {
        return frames;
    }

    /** @return the stop strings of this template's answers: "&lt;/s&gt;" */
    public StopStrings stopStrings() {
        return new StopStrings(List.of(SEP2));
    }

    /**
     * @param instruction the question about the video; a {@code <video>} or {@code <image>} in it is removed (the
     *                    video always goes first, as in Video-LLaVA)
     * @return the prompt text, ending with "ASSISTANT:"
     */
    public String prompt(String instruction) {
        return prompt(List.of(), instruction);
    }

    /**
     * @param history     earlier turns, oldest first; the video goes into the first question
     * @param instruction the new question
     * @return the prompt text, ending with "ASSISTANT:"
     */
    public String prompt(List<Turn> history, String instruction) {
        List<String> questions = new ArrayList<>();
        history.forEach(t -> questions.add(t.user()));
        questions.add(instruction);
        StringBuilder out = new StringBuilder(system).append(SEP);
        for (int i = 0; i < questions.size(); i++) {
            String q = questions.get(i);
            if (i == 0) {
                q = IMAGE.repeat(frames) + "\n" + q.replace(VIDEO, "").replace(IMAGE, "").strip();
            }
            out.append(USER).append(": ").append(q).append(SEP);
            if (i < history.size()) {
                out.append(ASSISTANT).append(": ").append(history.get(i).assistant()).append(SEP2);
            }
        }
        return out.append(ASSISTANT).append(':').toString();
    }

    /**
     * @param tokenizer the model's tokenizer
     * @param prompt    a prompt from {@link #prompt}
     * @return its ids and image placeholder positions (tokenized as Video-LLaVA does, above)
     */
    public PromptTokens tokens(LlmTokenizer tokenizer, String prompt) {
        long placeholder = placeholderId(tokenizer);
        String[] pieces = prompt.split(IMAGE, -1);
        List<Long> ids = new ArrayList<>();
        int[] positions = new int[pieces.length - 1];
        if (tokenizer.special().addBos()) {
            ids.add((long) tokenizer.special().bos());
        }
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                positions[i - 1] = ids.size();
                ids.add(placeholder);
            }
            if (!pieces[i].isEmpty()) {
                for (long id : tokenizer.encode(pieces[i])) {
                    ids.add(id);
                }
            }
        }
        return new PromptTokens(ids.stream().mapToLong(Long::longValue).toArray(), positions);
    }

    /**
     * @param tokenizer a tokenizer
     * @return the id put at image positions: its {@code <image>} token, else its {@code unk}
     */
    public static long placeholderId(LlmTokenizer tokenizer) {
        int image = tokenizer.tokenId(IMAGE);
        return image >= 0 ? image : tokenizer.special().unk();
    }
}
