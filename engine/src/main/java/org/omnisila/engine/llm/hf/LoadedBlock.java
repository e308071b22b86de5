package org.omnisila.engine.llm.hf;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.List;

/**
 * A block loaded by {@link BlockLoader}, with the memory it holds.
 *
 * @param folder  where it came from
 * @param block   the block, its parameters set and frozen
 * @param manager owns the parameters; {@link #close} frees them
 * @param prefix  the prefix its names had in the checkpoint ("" for none)
 * @param ignored the checkpoint's other tensors, sorted (another block's, or ones this block does not use)
 * @param <B>     the block's type
 */
public record LoadedBlock<B extends Block>(Path folder, B block, NDManager manager, String prefix,
                                           List<String> ignored) implements AutoCloseable {
    @Override
    public void close() {
        manager.close();
    }
}
