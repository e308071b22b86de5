package org.omnisila.engine.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.Sha256;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SampledFrame;
import org.omnisila.engine.video.SamplingResult;
import org.omnisila.engine.video.SegmentFrames;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.SegmentSampler;

/**
 * The scene extractors on real footage from OpenCV's samples (test resources, see video/README.md), sampled as an
 * analysis samples them: BlazeFace finds the animated face of Megamind.avi, CenterNet the pedestrians of a vtest.avi
 * clip, and BlazePose gives them upright poses.
 */
class RealFootageScenesTest {

    static Path video(String name) throws URISyntaxException {
        return Path.of(RealFootageScenesTest.class.getResource("/video/" + name).toURI());
    }

    /** Every sampled frame of the file, in order. */
    private static List<SegmentFrames> sample(Path file, SegmentPlan plan) {
        List<SegmentFrames> segments = new ArrayList<>();
        SamplingResult r = new SegmentSampler(plan).sample(file, segments::add);
        assertEquals(List.of(), r.warnings());
        return segments;
    }

    @Test
    void blazeFaceFindsMegamindsFaceOnAtLeastNinetyPercentOfTheSampledFrames() throws Exception {
        Path file = video("Megamind.avi");
        assertEquals("0057387cb7e75c8fd1663b62cfdc51fa53f527795d0fe3c1fea2fd159d3130b5", Sha256.of(file));
        int frames = 0;
        int withFace = 0;
        try (FaceDetector blaze = FaceDetectors.open(FaceDetectors.Choice.BLAZEFACE)) {
            for (SegmentFrames s : sample(file, SegmentPlan.DEFAULT)) {
                for (SampledFrame f : s.frames()) {
                    frames++;
                    withFace += blaze.detect(f.image()).isEmpty() ? 0 : 1;
                }
            }
        }
        System.out.printf(Locale.ROOT, "Megamind.avi: a face on %d of %d sampled frames%n", withFace, frames);
        assertEquals(6 * 8, frames, "11.3 s: six 2-s segments of 8 frames");
        assertTrue(withFace >= 0.9 * frames, withFace + " of " + frames);
    }

    @Test
    void centerNetFindsThePedestriansOfVtestAndTheirPosesAreUpright() throws Exception {
        Path file = video("vtest-0-4s.avi");
        assertEquals("099c47fd14c3126fcab7c00e9de9c8c3d253a9a17c7ec624abd6dbb4861671dc", Sha256.of(file));
        List<SegmentFrames> segments = sample(file, new SegmentPlan(2.0, 3)); // 6 frames: CenterNet is slow
        int frames = 0;
        int withPerson = 0;
        int posed = 0;
        int upright = 0;
        try (ObjectPass pass = ObjectPass.open(Device.cpu(), new ModelFiles());
                ActionExtractor action = new ActionExtractor(pass, PoseLandmarker.load())) {
            for (SegmentFrames s : segments) {
                SceneFeatures features = action.extract(s);
                for (int t = 0; t < s.frames().size(); t++) {
                    frames++;
                    long persons = pass.analyse(s.frames().get(t).image()).detections().stream()
                            .filter(d -> d.label().equals("person")).count(); // remembered: CenterNet ran once
                    withPerson += persons > 0 ? 1 : 0;
                    for (int k = 0; k < ActionExtractor.PERSONS; k++) {
                        if (features.cues().get(t).get(k) != null) {
                            posed++;
                            RgbImage image = s.frames().get(t).image();
                            upright += upright(features.values()[t], k * ActionExtractor.SLOT,
                                    (float) image.height() / image.width()) ? 1 : 0;
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "vtest clip: persons on %d of %d sampled frames; %d of %d poses upright%n",
                withPerson, frames, upright, posed);
        assertEquals(6, frames);
        assertTrue(withPerson >= frames - 1, withPerson + " of " + frames);
        assertTrue(posed >= frames, "at least one posed person per frame on average: " + posed);
        assertTrue(upright >= 0.9 * posed, upright + " of " + posed + " poses upright");
    }

    /**
     * Head above hips above ankles (image y grows downwards), and the nose and ankles inside the person's box
     * widened by a quarter of its height on every side.
     *
     * @param row    one frame's action features (x in frame widths, y in frame heights)
     * @param o      the slot's offset
     * @param aspect the frame's height / width
     */
    private static boolean upright(float[] row, int o, float aspect) {
        float cx = row[o + ActionExtractor.GEOMETRY];
        float cy = row[o + ActionExtractor.GEOMETRY + 1];
        float w = row[o + ActionExtractor.GEOMETRY + 2];
        float h = row[o + ActionExtractor.GEOMETRY + 3];
        float noseY = y(row, o, Pose.NOSE);
        float hipY = (y(row, o, Pose.LEFT_HIP) + y(row, o, Pose.RIGHT_HIP)) / 2;
        float ankleY = (y(row, o, Pose.LEFT_ANKLE) + y(row, o, Pose.RIGHT_ANKLE)) / 2;
        float margin = h / 4;
        boolean inside = true;
        for (int k : new int[] {Pose.NOSE, Pose.LEFT_ANKLE, Pose.RIGHT_ANKLE}) {
            float x = row[o + 3 * k];
            float y = y(row, o, k);
            inside &= Math.abs(x - cx) <= w / 2 + margin * aspect && Math.abs(y - cy) <= h / 2 + margin;
        }
        return noseY < hipY && hipY < ankleY && inside;
    }

    /** Keypoint k's y, a fraction of the frame's height; x is at 3k, y at 3k + 1. */
    private static float y(float[] row, int o, int k) {
        return row[o + 3 * k + 1];
    }
}
