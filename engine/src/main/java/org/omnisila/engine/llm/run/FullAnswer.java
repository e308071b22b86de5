package org.omnisila.engine.llm.run;

import org.omnisila.engine.api.SceneWeights;
import org.omnisila.engine.llm.Generation;
import org.omnisila.engine.llm.text.ParsedAnswer;

/**
 * One answer of the full model to one instruction about a prepared video.
 *
 * @param text            the answer, cut before the first stop string and stripped (Video-LLaVA's {@code
 *                        outputs.strip()} after {@code KeywordsStoppingCriteria})
 * @param parsed          what {@link org.omnisila.engine.llm.text.AnswerParser} read from it, spans clipped to the
 *                        video's duration
 * @param routing         the scene block's routing P for the video (SBM, paper section 3.2); null without a scene
 *                        block (plain Video-LLaVA or a stage-1 adapter)
 * @param tokens          new tokens generated (the stop token not counted)
 * @param stop            why generation ended
 * @param cancelled       whether the caller's cancel flag ended it (then {@code stop} is STOP_CONDITION)
 * @param firstTokenMs    milliseconds from the call to the first new token: the prompt's embeddings (tower,
 *                        projector), the prefill of the whole prompt and the first sampling
 * @param tokensPerSecond decode speed after the first token ((tokens - 1) / time since it); NaN under two tokens
 */
public record FullAnswer(String text, ParsedAnswer parsed, SceneWeights routing, int tokens, Generation.Stop stop,
                         boolean cancelled, double firstTokenMs, double tokensPerSecond) {
}
