package org.omnisila.engine.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.llm.ManagerLeaks;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.ModelManifest;
import org.omnisila.engine.tfjs.GraphManagers;
import org.omnisila.engine.tfjs.TfjsGraphModel;
import org.omnisila.engine.tfjs.TfjsReference;

/**
 * The expression model and the object detector run once per face crop or frame during an analysis: five calls
 * leave the model's manager as two did (a DJL result belongs to its receiver's manager, so a preparation or an op
 * that calls a method on a weight would put it there for the model's life). Each model is loaded here, not shared,
 * so the counts are this test's alone.
 */
class NoArraysLeftOnTheModelsTest {

    @Test
    void expressionsLeaveNothingOnTheModel() {
        TfjsGraphModel graph = TfjsGraphModel.load(ModelManifest.load(ExpressionModel.MANIFEST), new ModelFiles(),
                Device.cpu());
        try (ExpressionModel model = new ExpressionModel(graph)) {
            NDManager weights = GraphManagers.of(graph);
            List<Integer> counts = new ArrayList<>();
            for (int call = 1; call <= 5; call++) {
                try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                    byte[] happy = TfjsReference.bytes("sample1-face-happy-128x128.rgb");
                    byte[] lowered = TfjsReference.bytes("sample1-face-lowered-128x128.rgb");
                    model.classify(List.of(RgbArrays.fromRgb(m, 128, 128, happy),
                            RgbArrays.fromRgb(m, 64, 256, lowered))); // a batch; one face not square
                    model.classify(RgbArrays.fromRgb(m, 128, 128, happy));
                }
                counts.add(ManagerLeaks.count(weights));
            }
            assertEquals(counts.get(1), counts.get(4), () -> "after each call " + counts + ": "
                    + ManagerLeaks.describe(weights));
        }
    }

    @Test
    void detectionsAndFeatureMapsLeaveNothingOnTheModel() {
        ModelManifest manifest = ModelManifest.load(ObjectDetector.MANIFEST);
        TfjsGraphModel graph = TfjsGraphModel.load(manifest, new ModelFiles(), Device.cpu());
        try (ObjectDetector detector = new ObjectDetector(graph,
                ObjectDetector.readLabels(new ModelFiles().path(manifest, "labels")))) {
            NDManager weights = GraphManagers.of(graph);
            byte[] photo = TfjsReference.bytes("sample1-512x512.rgb.gz");
            byte[] corner = new byte[300 * 200 * 3]; // 300x200: the detector resizes it to 512x512 first
            for (int y = 0; y < 200; y++) {
                System.arraycopy(photo, y * 512 * 3, corner, y * 300 * 3, 300 * 3);
            }
            String backbone = "tower_0/extern1/hard_swish/mul_1";
            List<Integer> counts = new ArrayList<>();
            for (int call = 1; call <= 5; call++) {
                try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
                    assertFalse(detector.detect(RgbArrays.fromRgb(m, 512, 512, photo)).isEmpty());
                    detector.run(RgbArrays.fromRgb(m, 300, 200, corner), List.of(backbone), m);
                    detector.node(RgbArrays.fromRgb(m, 512, 512, photo), backbone, m);
                }
                counts.add(ManagerLeaks.count(weights));
            }
            assertEquals(counts.get(1), counts.get(4), () -> "after each call " + counts + ": "
                    + ManagerLeaks.describe(weights));
        }
    }
}
