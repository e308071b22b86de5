package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack of CLIP layers ({@code encoder.layers}), children named {@code 0} ... {@code L-1} as in the
 * checkpoint.
 *
 * <ul>
 *   <li>input: x [F, N, W]
 *   <li>output: the last layer's output [F, N, W]; {@link #apply(ParameterStore, NDArray, int, boolean)} stops
 *       after a given layer
 * </ul>
 */
public final class ClipEncoderLayers extends SingleInputBlock {
    private final List<ClipEncoderLayer> layers = new ArrayList<>();

    /** @param config L and the layers' sizes */
    public ClipEncoderLayers(ClipVisionConfig config) {
        for (int l = 0; l < config.numHiddenLayers(); l++) {
            layers.add(addChildBlock(Integer.toString(l), new ClipEncoderLayer(config)));
        }
    }

    /** @return the output of all L layers [F, N, W] */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return apply(ps, x, layers.size(), training);
    }

    /**
     * @param count how many layers to run, 0 ... L: Hugging Face's {@code hidden_states[count]}
     * @return the output of layer {@code count - 1} [F, N, W] (x itself for 0)
     */
    public NDArray apply(ParameterStore ps, NDArray x, int count, boolean training) {
        if (count < 0 || count > layers.size()) {
            throw new IllegalArgumentException("cannot run " + count + " of " + layers.size() + " layers");
        }
        for (int l = 0; l < count; l++) {
            ClipEncoderLayer layer = layers.get(l);
            x = LayerScope.run(x, in -> layer.apply(ps, in, training)); // [F, N, W]
        }
        return x;
    }
}
