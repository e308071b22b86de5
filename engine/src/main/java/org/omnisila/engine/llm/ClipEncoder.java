package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * Hugging Face's {@code CLIPEncoder} ({@code encoder}): only a holder of {@code layers}, so that the layers'
 * names are {@code encoder.layers.N....} as in the checkpoint.
 *
 * <ul>
 *   <li>input: x [F, N, W]
 *   <li>child: {@code layers} ({@link ClipEncoderLayers})
 *   <li>output: the last layer's output [F, N, W]
 * </ul>
 */
public final class ClipEncoder extends SingleInputBlock {
    private final ClipEncoderLayers layers;

    /** @param config the layers' count and sizes */
    public ClipEncoder(ClipVisionConfig config) {
        layers = addChildBlock("layers", new ClipEncoderLayers(config));
    }

    /** @return the output of all layers [F, N, W] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return layers.apply(ps, x, training);
    }

    /** @return the layers, to stop after a selected one */
    ClipEncoderLayers layers() {
        return layers;
    }
}
