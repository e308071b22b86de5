package org.omnisila.engine.llm.text;

import java.util.List;

/**
 * Stop strings of generated text (Video-LLaVA's {@code KeywordsStoppingCriteria}: "&lt;/s&gt;" for the Vicuna v1
 * template). The decoder already stops at the EOS token id; the strings catch what the ids do not: a stop string
 * spelt with ordinary tokens, or text decoded with special tokens kept.
 *
 * @param stops the stop strings, none empty
 */
public record StopStrings(List<String> stops) {

    /** Validates and copies. */
    public StopStrings {
        stops = List.copyOf(stops);
        for (String s : stops) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("a stop string may not be empty");
            }
        }
    }

    /**
     * @param text generated text so far
     * @return the index of the earliest stop string in it, or -1
     */
    public int find(String text) {
        int first = -1;
        for (String s : stops) {
            int at = text.indexOf(s);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    /** @return whether generation should stop: the text holds a stop string */
    public boolean stopped(String text) {
        return find(text) >= 0;
    }

    /**
     * @param text generated text
     * @return the answer: the text before the first stop string, stripped of surrounding white space
     */
    public String answer(String text) {
        int at = find(text);
        return (at >= 0 ? text.substring(0, at) : text).strip();
    }

    /**
     * For streaming: how much of the text can be shown without showing part of a stop string that the next tokens
     * may complete.
     *
     * @param text generated text without a stop string
     * @return the length of its prefix that no stop string can begin in
     */
    public int safeLength(String text) {
        int safe = text.length();
        for (String s : stops) {
            for (int k = Math.min(s.length() - 1, text.length()); k > 0; k--) {
                if (text.endsWith(s.substring(0, k))) {
                    safe = Math.min(safe, text.length() - k);
                    break;
                }
            }
        }
        return safe;
    }
}
