package org.omnisila.engine.llm.hf;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import org.omnisila.engine.llm.LlamaConfig;
import org.omnisila.engine.llm.LlamaForCausalLM;
import org.omnisila.engine.llm.LlamaGenerator;
import org.omnisila.engine.llm.MemoryEstimate;

/**
 * A decoder loaded from a Hugging Face folder, with the manager that owns its parameters; closing it frees them.
 *
 * @param folder   where it came from
 * @param model    the model, parameters frozen (inference)
 * @param manager  owns the parameters (on the load's device)
 * @param estimate the memory estimate it was admitted with
 * @param prefix   the checkpoint's prefix before {@code model.}/{@code lm_head} ("" or {@code language_model.})
 * @param ignored  checkpoint tensors that are not the decoder's (a video tower, a projector, old buffers)
 */
public record LoadedLlama(Path folder, LlamaForCausalLM model, NDManager manager, MemoryEstimate estimate,
                          String prefix, List<String> ignored) implements AutoCloseable {

    /** @return the sizes */
    public LlamaConfig config() {
        return model.config();
    }

    /** @return a generator on this model */
    public LlamaGenerator generator() {
        return new LlamaGenerator(model, manager);
    }

    @Override
    public void close() {
        manager.close();
    }
}
