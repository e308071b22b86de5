package org.omnisila.annotator.export;

import java.util.ArrayList;
import java.util.List;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.scene.SceneFeatures;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SampledFrame;
import org.omnisila.engine.video.SegmentFrames;
import org.omnisila.engine.video.SyntheticVideo;

/**
 * A scene extractor for tests that needs no model: per frame, the frame index a {@link SyntheticVideo} shows and
 * the frame's mean brightness (0..1), so a test can tell which frames a segment's features came from.
 */
final class FrameIndexExtractor implements SceneExtractor {

    private final Scene scene;
    int calls;

    FrameIndexExtractor(Scene scene) {
        this.scene = scene;
    }

    static List<SceneExtractor> four() {
        List<SceneExtractor> all = new ArrayList<>();
        for (Scene s : Scene.values()) {
            all.add(new FrameIndexExtractor(s));
        }
        return all;
    }

    @Override
    public Scene scene() {
        return scene;
    }

    @Override
    public int width() {
        return 2;
    }

    @Override
    public int slots() {
        return 1;
    }

    @Override
    public String version() {
        return "frame-index-test-1";
    }

    @Override
    public SceneFeatures extract(SegmentFrames segment) {
        calls++;
        float[][] values = new float[segment.frames().size()][];
        List<List<SceneFeatures.SlotCue>> cues = new ArrayList<>();
        for (int t = 0; t < values.length; t++) {
            SampledFrame frame = segment.frames().get(t);
            RgbImage image = frame.image();
            long sum = 0;
            for (byte b : image.rgb()) {
                sum += b & 0xff;
            }
            values[t] = new float[] {SyntheticVideo.indexOf(image), sum / (255f * image.rgb().length)};
            cues.add(List.of(new SceneFeatures.SlotCue("frame " + SyntheticVideo.indexOf(image), null)));
        }
        return new SceneFeatures(values, cues);
    }

    @Override
    public void close() {
    }
}
