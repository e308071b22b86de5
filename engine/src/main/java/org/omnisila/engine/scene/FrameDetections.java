package org.omnisila.engine.scene;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SampledFrame;
import org.omnisila.engine.vision.Detection;
import org.omnisila.engine.vision.ObjectDetector;
import org.omnisila.engine.vision.RgbArrays;

/**
 * CenterNet's objects per frame, computed once and shared: the action extractor takes its persons from here,
 * and the object extractor can take all classes from the same instance, so CenterNet runs once per frame. The
 * last {@link #CAPACITY} frames are remembered, keyed by frame time and checked against the frame's pixels
 * (two segments may share a frame; a different video at the same time is not mistaken for it).
 *
 * <p>Not for concurrent use; close it (it closes its detector).
 */
public final class FrameDetections implements AutoCloseable {

    /** Frames remembered: two segments' worth. */
    public static final int CAPACITY = 16;

    private record Entry(RgbImage image, List<Detection> detections) {
    }

    private final ObjectDetector detector;
    private final Device device;
    private final ObjectDetector.Settings settings;
    private final Map<Double, Entry> recent = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Double, Entry> eldest) {
            return size() > CAPACITY;
        }
    };
    private int computed;

    /**
     * @param detector CenterNet; closed with this cache
     * @param device   where it runs
     * @param settings what it keeps
     */
    public FrameDetections(ObjectDetector detector, Device device, ObjectDetector.Settings settings) {
        this.detector = detector;
        this.device = device;
        this.settings = settings;
    }

    /** @return the bundled CenterNet with {@code @vladmandic/human}'s settings */
    public static FrameDetections load(Device device) {
        return new FrameDetections(ObjectDetector.load(device), device, ObjectDetector.Settings.HUMAN_DEFAULTS);
    }

    /** @return every object kept on the frame, best first, in its pixels */
    public List<Detection> of(SampledFrame frame) {
        Entry e = recent.get(frame.time());
        if (e != null && (e.image() == frame.image() || e.image().equals(frame.image()))) {
            return e.detections();
        }
        List<Detection> found;
        RgbImage image = frame.image();
        try (NDManager manager = NDManager.newBaseManager(device, "PyTorch")) {
            found = List.copyOf(detector.detect(RgbArrays.fromRgb(manager, image.width(), image.height(),
                    image.rgb()), settings));
        }
        computed++;
        recent.put(frame.time(), new Entry(image, found));
        return found;
    }

    /** @return the persons on the frame, best first */
    public List<Detection> persons(SampledFrame frame) {
        return of(frame).stream().filter(d -> d.label().equals("person")).toList();
    }

    /** @return how many frames CenterNet has run on (for tests of the sharing) */
    public int computed() {
        return computed;
    }

    @Override
    public void close() {
        detector.close();
    }
}
