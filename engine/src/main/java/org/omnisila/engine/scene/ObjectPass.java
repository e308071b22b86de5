package org.omnisila.engine.scene;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.vision.ObjectDetector;
import org.omnisila.engine.vision.RgbArrays;
import org.omnisila.engine.video.RgbImage;

/**
 * CenterNet once per frame for both the object and the background extractor: one graph run gives the detections
 * and, from the same pass, the backbone's last feature map ({@link #FEATURES}). Results are remembered for the
 * last {@link #REMEMBERED} frames, keyed by the frame object itself (identity, not pixels), so the second
 * extractor to see a segment's frames gets them without running the model again.
 *
 * <p>Shared by reference count: {@link #share()} for each further user, {@link #close()} by each; the model is
 * freed with the last. Not for concurrent use.
 */
public final class ObjectPass implements AutoCloseable {

    /**
     * The backbone node whose output is pooled: MobileNetV3's last 1x1 convolution with hard-swish, after the
     * last inverted-residual block and before the CenterNet head's upsampling; [1, 16, 16, 480] at stride 32.
     */
    public static final String FEATURES = "tower_0/extern1/hard_swish/mul_1";

    /** Cells per side of {@link #FEATURES} (512 / 32). */
    public static final int GRID = 16;

    /** Channels of {@link #FEATURES}. */
    public static final int CHANNELS = 480;

    /** Frames whose results are remembered: two segments of 8. */
    public static final int REMEMBERED = 16;

    private final ObjectDetector detector;
    private final ObjectDetector.Settings settings;
    private final Map<RgbImage, FrameObjects> remembered = new IdentityHashMap<>();
    private final Deque<RgbImage> order = new ArrayDeque<>();
    private int users = 1;
    private int runs;

    /**
     * @param detector the CenterNet facade; closed with the last user
     * @param settings which detections are kept
     */
    public ObjectPass(ObjectDetector detector, ObjectDetector.Settings settings) {
        this.detector = detector;
        this.settings = settings;
    }

    /**
     * @param device where CenterNet runs
     * @param files  where the bundled model files are verified and put
     * @return a pass over the bundled CenterNet with {@code @vladmandic/human}'s default settings
     */
    public static ObjectPass open(Device device, ModelFiles files) {
        return new ObjectPass(ObjectDetector.load(device, files), ObjectDetector.Settings.HUMAN_DEFAULTS);
    }

    /**
     * @param frame a decoded frame
     * @return its detections and feature map, from memory when this frame object was seen lately
     */
    public FrameObjects analyse(RgbImage frame) {
        FrameObjects known = remembered.get(frame);
        if (known != null) {
            return known;
        }
        FrameObjects result = run(frame, true);
        remembered.put(frame, result);
        order.addLast(frame);
        if (order.size() > REMEMBERED) {
            remembered.remove(order.removeFirst());
        }
        return result;
    }

    /**
     * The feature map alone (the graph runs only the backbone), not remembered: for an altered frame such as one
     * whose people were blacked out.
     *
     * @param frame a frame
     * @return [GRID * GRID * CHANNELS] as {@link FrameObjects#features()}
     */
    public float[] features(RgbImage frame) {
        return run(frame, false).features();
    }

    private FrameObjects run(RgbImage frame, boolean detect) {
        runs++;
        try (NDManager manager = NDManager.newBaseManager(detector.device(), "PyTorch")) {
            NDArray image = RgbArrays.fromRgb(manager, frame.width(), frame.height(), frame.rgb());
            if (!detect) {
                return new FrameObjects(List.of(), detector.node(image, FEATURES, manager).toFloatArray());
            }
            ObjectDetector.Pass pass = detector.run(image, List.of(FEATURES), manager);
            return new FrameObjects(ObjectDetector.select(pass.raw(), settings, frame.width(), frame.height()),
                    pass.nodes().singletonOrThrow().toFloatArray());
        }
    }

    /** @return the COCO class names, by class index */
    public List<String> labels() {
        return detector.labels();
    }

    /** @return how many times the graph has run (a test sees the sharing) */
    public int runs() {
        return runs;
    }

    /** @return this pass for one more user, who must close it too */
    public ObjectPass share() {
        if (users == 0) {
            throw new IllegalStateException("this object pass is closed");
        }
        users++;
        return this;
    }

    /** Frees the model when the last user closes. */
    @Override
    public void close() {
        if (users > 0 && --users == 0) {
            remembered.clear();
            order.clear();
            detector.close();
        }
    }
}
