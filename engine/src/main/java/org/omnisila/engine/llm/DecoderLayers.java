package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack of decoder layers ({@code model.layers}), children named {@code 0} ... {@code L-1} as in the
 * checkpoint, run in order.
 *
 * <ul>
 *   <li>input: x [B, T, d], and the step's {@link StepContext}
 *   <li>output: [B, T, d]
 * </ul>
 */
public final class DecoderLayers extends StepBlock {
    private final List<LlamaDecoderLayer> layers = new ArrayList<>();

    /** @param config L and the layers' sizes */
    public DecoderLayers(LlamaConfig config) {
        for (int l = 0; l < config.numHiddenLayers(); l++) {
            layers.add(addChildBlock(Integer.toString(l), new LlamaDecoderLayer(config, l)));
        }
    }

    /** @return the layers in order (for {@link LayerCheckpointing}, which runs them one by one) */
    List<LlamaDecoderLayer> layers() {
        return List.copyOf(layers);
    }

    /** @return the last layer's output [B, T, d] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, StepContext step, boolean training) {
        for (LlamaDecoderLayer layer : layers) {
            x = LayerScope.run(x, in -> layer.apply(ps, in, step, training)); // [B, T, d]
        }
        return x;
    }
}
