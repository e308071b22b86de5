package org.omnisila.engine.llm;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.NormalInitializer;

/**
 * A decoder with seeded random weights, for benchmarks and tests of what does not depend on trained weights
 * (speed, shapes, cache = no cache). Projections and embeddings ~ N(0, std^2), norms 1.
 */
public final class RandomLlama {
    private RandomLlama() {
    }

    /**
     * @param config  the sizes
     * @param manager where the parameters go (its device)
     * @param seed    the engine's random seed, set before initialising
     * @param std     the weights' standard deviation
     * @return an initialised model, parameters frozen
     */
    public static LlamaForCausalLM create(LlamaConfig config, NDManager manager, int seed, float std) {
        return create(config, manager, seed, std, DataType.FLOAT32);
    }

    /** {@link #create(LlamaConfig, NDManager, int, float)} with the parameters in {@code type} (fp16 for a half base). */
    public static LlamaForCausalLM create(LlamaConfig config, NDManager manager, int seed, float std, DataType type) {
        LlamaForCausalLM model = new LlamaForCausalLM(config);
        model.setInitializer(new NormalInitializer(std), Parameter.Type.WEIGHT);
        model.getParameters().values().forEach(p -> p.freeze(true));
        manager.getEngine().setRandomSeed(seed);
        model.initialize(manager, type, new Shape(1, 1));
        return model;
    }
}
