package org.omnisila.engine.scene;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.tfjs.TfjsReference;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SampledFrame;
import org.omnisila.engine.video.Segment;
import org.omnisila.engine.video.SegmentFrames;

/** Test inputs: segments made of given images, the party photo, and one CenterNet pass for all tests. */
final class SceneFrames {

    /** One CenterNet for every test of this package (never closed: lives as long as the test JVM). */
    static final ObjectPass PASS = ObjectPass.open(Device.cpu(), new ModelFiles());

    private SceneFrames() {
    }

    /** @return a segment whose frames are the given images, 0.25 s apart */
    static SegmentFrames of(RgbImage... images) {
        double[] times = new double[images.length];
        List<SampledFrame> frames = new ArrayList<>();
        for (int k = 0; k < images.length; k++) {
            times[k] = k * 0.25;
            frames.add(new SampledFrame(times[k], times[k], images[k]));
        }
        return new SegmentFrames(new Segment(0, 0, images.length * 0.25, times), frames);
    }

    /** @return sample1.jpg of @vladmandic/face-api at 512x512 (three women at a party; tfjs/reference/README.md) */
    static RgbImage photo() {
        return new RgbImage(512, 512, TfjsReference.bytes("sample1-512x512.rgb.gz"));
    }

    /** @return a grey image */
    static RgbImage grey(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        java.util.Arrays.fill(rgb, (byte) 128);
        return new RgbImage(width, height, rgb);
    }
}
