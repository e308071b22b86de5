package org.omnisila.engine.icm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.omnisila.engine.icm.SbmFixtures.B;
import static org.omnisila.engine.icm.SbmFixtures.D;
import static org.omnisila.engine.icm.SbmFixtures.T;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SceneRouterTest {

    @Test
    void givesOneDistributionPerSample() {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            manager.getEngine().setRandomSeed(5);
            Random random = new Random(6);
            NDList experts = new NDList();
            for (int j = 0; j < 4; j++) {
                experts.add(SbmFixtures.array(manager, new Shape(B, T, D), random).mul(3));
            }
            SceneRouter router = new SceneRouter(4, D);
            router.initialize(manager, DataType.FLOAT32, experts.getShapes());
            NDArray p = router.forward(new ParameterStore(manager, false), experts, false).head();
            assertEquals(new Shape(B, 4), p.getShape());
            assertArrayEquals(new float[] {1f, 1f}, p.sum(new int[] {1}).toFloatArray(), 1e-6f);
            assertEquals(new Shape(4, D), router.getParameters().valueAt(0).getArray().getShape());
        }
    }

    @Test
    void summaryIsTheMeanOverExpertsAndFrames() {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            // B = 1, T = 2, d = 1, L = 2: values 1, 2 and 3, 6 -> mean 3
            NDList experts = new NDList(
                    manager.create(new float[] {1, 2}, new Shape(1, 2, 1)),
                    manager.create(new float[] {3, 6}, new Shape(1, 2, 1)));
            assertArrayEquals(new float[] {3f}, SceneRouter.summary(experts).toFloatArray(), 0f);
            assertEquals(new Shape(1, 1), SceneRouter.summary(experts).getShape());
        }
    }

    @Test
    void rejectsWrongExpertCount() {
        assertThrows(IllegalArgumentException.class, () -> new SceneRouter(1, D));
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            SceneRouter router = new SceneRouter(4, D);
            assertThrows(IllegalArgumentException.class, () -> router.initialize(
                    manager, DataType.FLOAT32, new Shape(B, T, D), new Shape(B, T, D)));
        }
    }
}
