package org.omnisila.engine.llm;

/**
 * A per-sequence stop test that {@link LlamaGenerator} evaluates after every new token, in the loop (not after
 * it), as Hugging Face's {@code StoppingCriteria} (Video-LLaVA's {@code KeywordsStoppingCriteria}) are called in
 * {@code generate}. A sequence for which it returns true ends with {@link Generation.Stop#STOP_CONDITION}; its
 * tokens, including the one that completed the condition, are returned.
 *
 * <p>Implementations must be stateless between calls (the generator may call them with the same prefix twice);
 * the text one is {@link org.omnisila.engine.llm.text.TextStopCondition}.
 */
@FunctionalInterface
public interface StopCondition {
    /**
     * @param sequence which prompt's continuation (0 ... B-1)
     * @param generated the new tokens of that sequence so far (at least one)
     * @return whether the sequence is finished
     */
    boolean stopped(int sequence, long[] generated);
}
