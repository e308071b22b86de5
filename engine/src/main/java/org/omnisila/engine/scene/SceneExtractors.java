package org.omnisila.engine.scene;

import ai.djl.Device;
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
     * The four extractors by their types, for callers that want a scene's per-frame details (the faces with their
     * expressions, say) rather than only its features.
     *
     * @param face       x_f
     * @param action     x_a
     * @param object     x_o
     * @param background x_b
     */
    public record Bundle(FaceExtractor face, ActionExtractor action, ObjectExtractor object,
                         BackgroundExtractor background) implements AutoCloseable {

        /** @return the four in scene order face, action, object, background */
        public List<SceneExtractor> list() {
            return List.of(face, action, object, background);
        }

        /** Closes all four. */
        @Override
        public void close() {
            list().forEach(SceneExtractor::close);
        }
    }

    /**
     * @param device where the DJL models run (the OpenCV DNN models run on the CPU)
     * @param files  the model cache (sha256-verified files)
     * @return the four extractors; close each
     * @throws RuntimeException naming the model file that is missing or damaged
     */
    public static List<SceneExtractor> open(Device device, ModelFiles files) {
        return bundle(device, files).list();
    }

    /**
     * @param device where the DJL models run (the OpenCV DNN models run on the CPU)
     * @param files  the model cache (sha256-verified files)
     * @return the four extractors; close the bundle
     * @throws RuntimeException naming the model file that is missing or damaged
     */
    public static Bundle bundle(Device device, ModelFiles files) {
        try (ObjectPass pass = ObjectPass.open(device, files)) { // each extractor takes its own share
            return bundle(pass, device, files);
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
        return bundle(pass, device, files).list();
    }

    private static Bundle bundle(ObjectPass pass, Device device, ModelFiles files) {
        FaceExtractor face = null;
        ActionExtractor action = null;
        ObjectExtractor object = null;
        try {
            face = FaceExtractor.load(device, FaceDetectors.Choice.AUTO);
            action = new ActionExtractor(pass, PoseLandmarker.load(files));
            object = new ObjectExtractor(pass);
            return new Bundle(face, action, object, BackgroundExtractor.open(pass, files));
        } catch (RuntimeException e) {
            for (SceneExtractor opened : new SceneExtractor[] {face, action, object}) {
                if (opened != null) {
                    opened.close();
                }
            }
            throw e;
        }
    }
}
