package org.omnisila.engine.icm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

class SceneExpertTest {

    @Test
    void mapsOneSceneToHiddenWidth() {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            manager.getEngine().setRandomSeed(3);
            SceneExpert expert = SceneExpert.builder().setInputSize(5).setHiddenSize(D).setLayers(2).build();
            expert.initialize(manager, DataType.FLOAT32, new Shape(B, T, 5));
            NDArray x = SbmFixtures.array(manager, new Shape(B, T, 5), new Random(1));
            NDArray h = expert.forward(new ParameterStore(manager, false), new NDList(x), false).head();
            assertEquals(new Shape(B, T, D), h.getShape());
            assertArrayEquals(new Shape[] {new Shape(B, T, D)}, expert.getOutputShapes(new Shape[] {x.getShape()}));
            // two encoder layers, each with 2 norms x 2 + 6 linears x 2 parameters, plus projection (2),
            // positions (1) and final norm (2)
            assertEquals(2 * 16 + 5, expert.getParameters().size());
            assertEquals(new Shape(8, D), expert.getParameters().get("positions").getArray().getShape());
        }
    }

    @Test
    void positionsMakeFrameOrderMatter() {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            manager.getEngine().setRandomSeed(4);
            SceneExpert expert = SceneExpert.builder().setInputSize(3).setHiddenSize(8).setLayers(1).optHeads(2).build();
            expert.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 3));
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = SbmFixtures.array(manager, new Shape(1, 4, 3), new Random(2));
            NDArray reversed = x.flip(1);
            NDArray h = expert.forward(ps, new NDList(x), false).head();
            NDArray hr = expert.forward(ps, new NDList(reversed), false).head().flip(1);
            // without positions self-attention is permutation-equivariant and h == hr
            assertTrue(h.sub(hr).abs().max().getFloat() > 1e-4f);
        }
    }

    @Test
    void rejectsBadSettingsAndInputs() {
        IllegalArgumentException heads = assertThrows(IllegalArgumentException.class,
                () -> SceneExpert.builder().setInputSize(5).setHiddenSize(18).setLayers(1).optHeads(4).build());
        assertTrue(heads.getMessage().contains("18") && heads.getMessage().contains("4"), heads.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SceneExpert.builder().setInputSize(0).setHiddenSize(16).setLayers(1).build());
        assertThrows(IllegalArgumentException.class,
                () -> SceneExpert.builder().setInputSize(5).setHiddenSize(16).setLayers(1).optDropout(1f).build());
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            SceneExpert expert = SceneExpert.builder().setInputSize(5).setHiddenSize(D).setLayers(1).build();
            IllegalArgumentException frames = assertThrows(IllegalArgumentException.class,
                    () -> expert.initialize(manager, DataType.FLOAT32, new Shape(B, 9, 5)));
            assertTrue(frames.getMessage().contains("(2, 9, 5)"), frames.getMessage());
        }
    }
}
