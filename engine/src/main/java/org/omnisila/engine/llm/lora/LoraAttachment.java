package org.omnisila.engine.llm.lora;

import java.util.List;

/**
 * What {@link Lora#attach} (or {@link Lora#plan}) put on a model.
 *
 * @param modules    the module names that got a pair ({@code model.layers.0.self_attn.q_proj}), in model order
 * @param parameters the pairs' parameter count: sum over modules of r * (in + out)
 */
public record LoraAttachment(List<String> modules, long parameters) {
    public LoraAttachment {
        modules = List.copyOf(modules);
    }
}
