package org.omnisila.engine.tfjs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.omnisila.engine.llm.ManagerLeaks;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.ModelManifest;

/**
 * A loaded graph keeps exactly its constants on its manager, and runs leave nothing there. An op's result belongs
 * to its receiver's manager, so {@code constant.add(x)} is created on the model's manager; the run must free it.
 * Each graph is loaded here (not {@link BundledGraphs}) so that the counts are this test's alone.
 */
class NoArraysLeftOnTheGraphTest {

    @ParameterizedTest
    @ValueSource(strings = {"human-emotion", "human-centernet"})
    void loadingKeepsOnlyTheConstants(String name) {
        try (TfjsGraphModel g = TfjsGraphModel.load(ModelManifest.load(name), new ModelFiles(), Device.cpu())) {
            NDManager m = GraphManagers.of(g);
            // a filter re-laid-out at load time must not leave its transposed view and flat copy behind
            assertEquals(GraphManagers.constants(g), ManagerLeaks.count(m), () -> ManagerLeaks.describe(m));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"human-emotion", "human-centernet"})
    void runsLeaveNothingOnTheGraphsManager(String name) {
        boolean emotion = name.equals("human-emotion");
        try (TfjsGraphModel g = TfjsGraphModel.load(ModelManifest.load(name), new ModelFiles(), Device.cpu())) {
            NDManager m = GraphManagers.of(g);
            int loaded = ManagerLeaks.count(m);
            String input = g.inputNames().get(0);
            // the default output, the input passed through and a constant (both handed over as copies)
            String constant = anyConstant(g);
            List<Integer> counts = new ArrayList<>();
            for (int call = 1; call <= 5; call++) {
                try (NDManager pass = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                    NDArray x = emotion ? pass.create(TfjsReference.emotionPattern(), new Shape(2, 64, 64, 1))
                            : pass.create(TfjsReference.centernetPattern(), new Shape(1, 512, 512, 3));
                    g.execute(pass, x);
                    g.execute(pass, Map.of(input, x), List.of(g.outputNames().get(0), input, constant));
                }
                counts.add(ManagerLeaks.count(m));
            }
            assertEquals(counts.get(1), counts.get(4), () -> "counts after each call " + counts + ": "
                    + ManagerLeaks.describe(m));
            assertEquals(loaded, counts.get(4), "the executor keeps no arrays between runs");
        }
    }

    private static String anyConstant(TfjsGraphModel g) {
        for (String c : GraphManagers.constantNames(g)) {
            if (!c.contains("#")) {
                return c;
            }
        }
        throw new IllegalStateException("no plain constant in the graph");
    }
}
