package org.omnisila.engine.llm.video;

/**
 * Where the ICM's scene tokens (SBM + IEC, {@link SceneFusion}) enter the decoder's input.
 */
public enum FusionMode {
    /** Plain Video-LLaVA: no scene tokens. */
    NONE,
    /**
     * The paper (section 3.4: "the input of the LLM will be Norm(y_moe + y_iec) + y_t + y_v"): the mean over the T
     * frames of the scene tokens, one vector [d], is added to the embedding of every text token of the prompt, i.e.
     * every non-video position before the first supervised answer token (BOS, system prompt, "USER:", the
     * instruction, "ASSISTANT:"). Video positions keep y_v alone; answer tokens (teacher-forced in training) and
     * generated tokens get nothing, so that training and generation see the same inputs.
     */
    ADD,
    /**
     * Hawkeye's code: the T scene tokens inserted as T extra positions right after the last video token, with
     * label -100 there.
     */
    APPEND
}
