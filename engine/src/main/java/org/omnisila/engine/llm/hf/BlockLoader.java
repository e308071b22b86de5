package org.omnisila.engine.llm.hf;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.icm.checkpoint.CheckpointException;

/**
 * Loads any block of {@code engine.llm} (all of whose parameters have fixed shapes) from the safetensors files of
 * a Hugging Face folder, by name ({@link HfParameterNames}) under one of several prefixes: the video tower
 * ({@code vision_model.*} in a CLIP or LanguageBind folder, {@code video_tower.vision_model.*} in llava-hf's
 * Video-LLaVA) and the projector ({@code model.mm_projector.*} in a Video-LLaVA folder).
 *
 * <p>The same steps as {@link LlamaLoader} ({@link FolderWeights}): every header, every parameter's tensor present,
 * of its shape and a float type, then the data tensor by tensor. The other tensors are skipped and listed. (No memory estimate: the tower is 0.3 B parameters and the projector 21 M, against 6.7 B for the
 * decoder, whose estimate counts them as slack.)
 */
public final class BlockLoader {
    private BlockLoader() {
    }

    /**
     * @param dir      a folder with {@code model.safetensors} or shards and their index
     * @param block    the block to fill; its parameter names are looked for after each prefix
     * @param prefixes the prefixes to try, in order: the first under which the block's first parameter exists
     *                 is used
     * @param parent   the manager whose device the parameters go to; they get a sub-manager of it
     * @param type     the parameters' type (float32 on the CPU)
     * @param input    the shape of an input, which DJL's {@code initialize} wants ([1, 3, S, S] for the tower)
     * @param <B>      the block's type
     * @return the loaded block; close it to free its memory
     * @throws CheckpointException for unreadable or truncated files, and missing, mis-shaped or non-float
     *                             tensors (all of them in one message)
     */
    public static <B extends Block> LoadedBlock<B> load(Path dir, B block, List<String> prefixes, NDManager parent,
                                                        DataType type, Shape input) {
        FolderWeights weights = FolderWeights.read(HfModelFolder.open(dir));
        Map<String, Parameter> parameters = HfParameterNames.of(block);
        String prefix = weights.prefixOf(parameters.keySet().iterator().next(), prefixes);
        NDManager manager = weights.load(block, parameters, prefix, parent, type, input);
        List<String> ignored = weights.ignored(parameters, prefix);
        return new LoadedBlock<>(dir, block, manager, prefix, ignored);
    }
}
