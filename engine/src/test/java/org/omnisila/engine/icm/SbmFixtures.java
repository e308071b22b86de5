package org.omnisila.engine.icm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/** The tiny SBM configuration the tests share: B=2, T=8, widths 5/7/3/6, d=16, 2 layers, 4 heads. */
final class SbmFixtures {
    static final int B = 2;
    static final int T = 8;
    static final int[] WIDTHS = {5, 7, 3, 6};
    static final int D = 16;
    static final int LAYERS = 2;
    static final int HEADS = 4;

    private SbmFixtures() {}

    static SceneBalancedMoE.Builder moe() {
        return SceneBalancedMoE.builder().setInputSizes(WIDTHS).setHiddenSize(D).setLayers(LAYERS).optHeads(HEADS);
    }

    static Shape[] inputShapes() {
        Shape[] shapes = new Shape[WIDTHS.length];
        for (int j = 0; j < WIDTHS.length; j++) {
            shapes[j] = new Shape(B, T, WIDTHS[j]);
        }
        return shapes;
    }

    /** Scene inputs from a Java RNG, so that they do not depend on the engine's seed. */
    static NDList inputs(NDManager manager, long seed) {
        Random random = new Random(seed);
        NDList list = new NDList();
        for (Shape s : inputShapes()) {
            list.add(array(manager, s, random));
        }
        return list;
    }

    static NDArray array(NDManager manager, Shape shape, Random random) {
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, shape);
    }

    static SceneBalancedMoE initialised(NDManager manager, SceneBalancedMoE.Builder builder, int seed) {
        manager.getEngine().setRandomSeed(seed);
        SceneBalancedMoE block = builder.build();
        block.initialize(manager, DataType.FLOAT32, inputShapes());
        return block;
    }
}
