package org.omnisila.engine.llm.lora;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;

/**
 * An adapter loaded by {@link PeftAdapterLoader} onto a model.
 *
 * @param folder     where it came from
 * @param config     its adapter_config.json
 * @param attachment the modules that got pairs and their parameter count
 * @param manager    owns the pairs' arrays; {@link #close} frees them (the pairs stay attached, unusable)
 */
public record LoadedAdapter(Path folder, LoraConfig config, LoraAttachment attachment, NDManager manager)
        implements AutoCloseable {
    @Override
    public void close() {
        manager.close();
    }
}
