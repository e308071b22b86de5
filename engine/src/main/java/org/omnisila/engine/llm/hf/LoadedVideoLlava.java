package org.omnisila.engine.llm.hf;

import java.nio.file.Path;
import org.omnisila.engine.llm.ClipVisionModel;
import org.omnisila.engine.llm.MemoryEstimate;
import org.omnisila.engine.llm.MmProjector;

/**
 * A loaded Video-LLaVA: decoder, tower and projector, each with its own manager; close it to free all three.
 *
 * @param folder    the model folder
 * @param decoder   the decoder (as {@link LlamaLoader} loads it)
 * @param tower     the video tower, from the model folder or the tower folder
 * @param projector the mm_projector
 * @param estimate  the memory estimate (decoder, cache, tower and projector) it was admitted with
 * @param layout    which naming the folder uses
 */
public record LoadedVideoLlava(Path folder, LoadedLlama decoder, LoadedBlock<ClipVisionModel> tower,
                               LoadedBlock<MmProjector> projector, MemoryEstimate estimate,
                               VideoLlavaLoader.Layout layout) implements AutoCloseable {
    @Override
    public void close() {
        projector.close();
        tower.close();
        decoder.close();
    }
}
