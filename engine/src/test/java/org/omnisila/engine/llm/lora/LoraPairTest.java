package org.omnisila.engine.llm.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.llm.MmProjector;
import org.omnisila.engine.llm.hf.HfParameterNames;

/** A pair on a projection with bias (the projector's), computed by hand; merging keeps the bias apart. */
class LoraPairTest {
    @Test
    void aPairOnABiasedProjectionIsComputedByHand() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            manager.getEngine().setRandomSeed(11);
            MmProjector projector = new MmProjector(6, 5);
            projector.setInitializer(new NormalInitializer(0.5f), Parameter.Type.WEIGHT);
            projector.setInitializer(new NormalInitializer(0.5f), Parameter.Type.BIAS);
            projector.initialize(manager, DataType.FLOAT32, new Shape(1, 6));
            LoraConfig config = LoraConfig.of(3, 6, 0.1, List.of("0")); // scaling 2, on the first layer only
            LoraAttachment a = Lora.attach(projector, config, manager, DataType.FLOAT32);
            assertEquals(List.of("0"), a.modules());
            assertEquals(3L * (6 + 5), a.parameters());
            LoraPair pair = Lora.pairs(projector).get("0");
            pair.b().getArray().set(manager.randomNormal(pair.b().getShape()).toFloatArray());

            Map<String, Parameter> p = HfParameterNames.of(projector);
            NDArray x = manager.randomNormal(new Shape(2, 3, 6));
            NDArray first = x.matMul(p.get("0.weight").getArray().transpose()).add(p.get("0.bias").getArray())
                    .add(x.matMul(p.get("0.lora_A.weight").getArray().transpose())
                            .matMul(p.get("0.lora_B.weight").getArray().transpose()).mul(2));
            NDArray expected = Activation.gelu(first).matMul(p.get("2.weight").getArray().transpose())
                    .add(p.get("2.bias").getArray());
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray unmerged = projector.forward(ps, new NDList(x), false).head();
            float diff = unmerged.sub(expected).abs().max().getFloat();
            assertTrue(diff < 1e-5f, "by hand: " + diff);
            float[] bias = p.get("0.bias").getArray().toFloatArray();
            Lora.merge(projector);
            NDArray merged = projector.forward(ps, new NDList(x), false).head();
            assertTrue(merged.sub(unmerged).abs().max().getFloat() < 1e-5f);
            assertEquals(List.of(bias[0], bias[4]), List.of(p.get("0.bias").getArray().toFloatArray()[0],
                    p.get("0.bias").getArray().toFloatArray()[4])); // merging changes W only
        }
    }
}
