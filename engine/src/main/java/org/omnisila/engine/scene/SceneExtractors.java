package org.omnisila.engine.scene;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import org.omnisila.engine.models.ModelFiles;

/**
 * The four bundled scene extractors, in scene order face, action, object, background, with one CenterNet pass
 * per frame shared by action, object and background.
 */
public final class SceneExtractors {
    private SceneExtractors() {
    }

    /**
     * @param device where the DJL models run (the OpenCV DNN models run on the CPU)
     * @param files  the model cache (sha256-verified files)
     * @return the four extractors; close each
     * @throws RuntimeException naming the model file that is missing or damaged
     */
    public static List<SceneExtractor> open(Device device, ModelFiles files) {
        try (ObjectPass pass = ObjectPass.open(device, files)) { // each extractor takes its own share
            return open(pass, device, files);
        }
    }

    /**
     * @param pass   the CenterNet pass the action, object and background extractors share; each takes a share, so
     *               the caller still closes its own (a benchmark times the pass apart from the extractors)
     * @param device where the DJL models run
     * @param files  the model cache
     * @return the four extractors; close each
     */
    public static List<SceneExtractor> open(ObjectPass pass, Device device, ModelFiles files) {
        List<SceneExtractor> out = new ArrayList<>();
        try {
            out.add(FaceExtractor.load(device, FaceDetectors.Choice.AUTO));
            out.add(new ActionExtractor(pass, PoseLandmarker.load(files)));
            out.add(new ObjectExtractor(pass));
            out.add(BackgroundExtractor.open(pass, files));
            return out;
        } catch (RuntimeException e) {
            out.forEach(SceneExtractor::close);
            throw e;
        }
    }
}
