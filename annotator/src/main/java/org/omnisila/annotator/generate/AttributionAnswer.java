package org.omnisila.annotator.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.omnisila.annotator.project.Aspects;

/**
 * What the model answered for one segment, read from the JSON object {@link AttributionPrompt} asks for. The object
 * may be wrapped in a Markdown code fence ({@code ```json ... ```}) or come with a sentence before or after it, as
 * chat models tend to write; fields beyond the six are ignored.
 *
 * @param aspects   the four scene aspects, each a text (empty when the model saw nothing of it)
 * @param summary   the summarised attribution
 * @param sentiment the label, one of the prompt's labels as it spells them
 */
public record AttributionAnswer(Aspects aspects, String summary, String sentiment) {

    /** How much of a bad answer a message quotes. */
    static final int QUOTED = 120;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FIELDS = List.of("face", "action", "object", "background", "summary",
            "sentiment");

    /**
     * Reads an answer.
     *
     * @param content the message content the model wrote
     * @param prompt  the prompt it answered, for the allowed labels
     * @throws VlmException (not fatal) when there is no JSON object, a field is missing or not a text, or the
     *                      sentiment is not an allowed label; the message quotes the start of the answer
     */
    public static AttributionAnswer parse(String content, AttributionPrompt prompt) {
        String text = content == null ? "" : content;
        int open = text.indexOf('{');
        int close = text.lastIndexOf('}');
        if (open < 0 || close < open) {
            throw bad("the model did not answer with a JSON object", text);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text.substring(open, close + 1));
        } catch (JsonProcessingException e) {
            throw bad("the model's answer is not valid JSON (" + e.getOriginalMessage() + ")", text);
        }
        if (!node.isObject()) {
            throw bad("the model did not answer with a JSON object", text);
        }
        String[] values = new String[FIELDS.size()];
        for (int i = 0; i < FIELDS.size(); i++) {
            JsonNode value = node.get(FIELDS.get(i));
            if (value == null || value.isNull()) {
                throw bad("the model's answer lacks the field \"" + FIELDS.get(i) + "\"", text);
            }
            if (!value.isTextual()) {
                throw bad("the field \"" + FIELDS.get(i) + "\" of the model's answer is not a text", text);
            }
            values[i] = value.textValue().strip();
        }
        String label = prompt.allowedLabel(values[5]);
        if (label == null) {
            throw bad("the model's sentiment \"" + values[5] + "\" is not one of the allowed labels ("
                    + String.join(", ", prompt.labels()) + ")", text);
        }
        if (values[4].isEmpty()) {
            throw bad("the model's summary is empty", text);
        }
        return new AttributionAnswer(new Aspects(values[0], values[1], values[2], values[3]), values[4], label);
    }

    private static VlmException bad(String problem, String answer) {
        return new VlmException(problem + "; the answer starts with \"" + quote(answer) + "\"", false, null);
    }

    /** The start of a text on one line, for a message. */
    static String quote(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= QUOTED ? line : line.substring(0, QUOTED) + "...";
    }
}
