package org.omnisila.engine.llm;

import java.util.List;

/**
 * What {@link LlamaGenerator} produced, one entry per prompt, in the prompts' order.
 *
 * @param tokens the new tokens of each sequence (without the prompt and without the stop token)
 * @param stops  why each sequence ended
 */
public record Generation(List<long[]> tokens, List<Stop> stops) {

    /** Why a sequence ended. */
    public enum Stop {
        /** it produced one of the stop tokens */
        STOP_TOKEN,
        /** its {@link GenerationSettings#stopCondition} said so (e.g. a stop string); the last token is kept */
        STOP_CONDITION,
        /** it reached the maximum number of new tokens */
        MAX_NEW_TOKENS
    }

    public Generation {
        tokens = List.copyOf(tokens);
        stops = List.copyOf(stops);
    }
}
