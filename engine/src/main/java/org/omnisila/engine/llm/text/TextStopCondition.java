package org.omnisila.engine.llm.text;

import org.omnisila.engine.llm.StopCondition;

/**
 * Stop strings as a {@link StopCondition} inside the generation loop, as Video-LLaVA's {@code
 * KeywordsStoppingCriteria} is called by {@code generate} after every token: a sequence stops as soon as the text
 * decoded from its new tokens contains one of the {@link StopStrings} (for the Vicuna v1 template "&lt;/s&gt;", which
 * a model may spell with ordinary tokens "&lt;", "/", "s", "&gt;" instead of the EOS id). {@link #answer} then gives
 * the text cut before the stop string.
 *
 * <p>Each test decodes the sequence's new tokens so far (Video-LLaVA decodes only the last few; decoding all of them
 * costs O(n) per step, a few microseconds for answers of a few hundred tokens, and cannot miss a stop string that a
 * token boundary splits).
 */
public final class TextStopCondition implements StopCondition {
    private final LlmTokenizer tokenizer;
    private final StopStrings stops;

    /**
     * @param tokenizer decodes the new tokens (it must stay open while generating)
     * @param stops     the strings to stop at
     */
    public TextStopCondition(LlmTokenizer tokenizer, StopStrings stops) {
        this.tokenizer = tokenizer;
        this.stops = stops;
    }

    @Override
    public boolean stopped(int sequence, long[] generated) {
        return stops.stopped(tokenizer.decode(generated));
    }

    /**
     * @param generated a sequence's new tokens
     * @return the decoded text before the first stop string, stripped ({@link StopStrings#answer})
     */
    public String answer(long[] generated) {
        return stops.answer(tokenizer.decode(generated));
    }
}
