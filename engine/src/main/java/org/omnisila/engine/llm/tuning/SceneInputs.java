package org.omnisila.engine.llm.tuning;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.scene.SceneFeatures;
import org.omnisila.engine.video.SegmentFrames;

/**
 * The scene features x_j [T, d_j] of a video's eight frames, through the same four {@link SceneExtractor}s the small
 * model uses ({@link org.omnisila.engine.scene.SceneExtractors#open}), in scene order face, action, object,
 * background: the SBM and IEC blocks' inputs in front of the decoder. The frames are handed to the extractors as one
 * segment, exactly as {@code SceneFeatureCollector} hands a planned segment during analysis.
 *
 * @param values values[j][t] = scene j's d_j values on frame t
 * @param scenes which scene each j is
 */
public record SceneInputs(float[][][] values, List<Scene> scenes) {

    /** Checks the scene order and copies. */
    public SceneInputs {
        scenes = List.copyOf(scenes);
        if (values.length != scenes.size()) {
            throw new IllegalArgumentException(values.length + " scenes of values but " + scenes.size() + " names");
        }
        values = values.clone();
    }

    /**
     * @param extractors one per scene, in scene order face, action, object, background
     * @param frames     the frames (8)
     * @return each extractor's features of the frames
     * @throws IllegalArgumentException when the extractors are not one per scene in that order, or an extractor's
     *                                  rows are not as wide as it says
     */
    public static SceneInputs extract(List<SceneExtractor> extractors, VideoFrames8 frames) {
        Scene[] order = Scene.values();
        if (extractors.size() != order.length) {
            throw new IllegalArgumentException("need " + order.length + " scene extractors (face, action, object, "
                    + "background) but got " + extractors.size());
        }
        SegmentFrames segment = frames.segment();
        float[][][] values = new float[order.length][][];
        List<Scene> scenes = new ArrayList<>();
        for (int j = 0; j < order.length; j++) {
            SceneExtractor e = extractors.get(j);
            if (e.scene() != order[j]) {
                throw new IllegalArgumentException("scene extractor " + j + " models " + e.scene() + ", expected "
                        + order[j] + " (order face, action, object, background)");
            }
            SceneFeatures f = e.extract(segment);
            for (float[] row : f.values()) {
                if (row.length != e.width()) {
                    throw new IllegalArgumentException("the " + e.scene() + " extractor gave " + row.length
                            + " values per frame but says its width is " + e.width());
                }
            }
            values[j] = f.values();
            scenes.add(order[j]);
        }
        return new SceneInputs(values, scenes);
    }

    /** @return d_j of scene j */
    public int width(int j) {
        return values[j].length == 0 ? 0 : values[j][0].length;
    }

    /** @return T, frames */
    public int frames() {
        return values[0].length;
    }

    /**
     * @param manager where the arrays go
     * @return x_j [1, T, d_j] float32, one per scene in scene order (a batch of one)
     */
    public NDList toNd(NDManager manager) {
        NDList out = new NDList(values.length);
        for (float[][] scene : values) {
            int t = scene.length;
            int d = scene[0].length;
            float[] flat = new float[t * d];
            for (int i = 0; i < t; i++) {
                System.arraycopy(scene[i], 0, flat, i * d, d);
            }
            out.add(manager.create(flat, new Shape(1, t, d)));
        }
        return out;
    }
}
