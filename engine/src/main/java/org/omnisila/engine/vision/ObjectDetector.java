package org.omnisila.engine.vision;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.models.ModelFileException;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.ModelManifest;
import org.omnisila.engine.tfjs.ResizeBilinearOp;
import org.omnisila.engine.tfjs.TfjsGraphModel;

/**
 * Objects in an image with the bundled CenterNet (manifest {@code human-centernet}, MobileNetV3, 80
 * COCO classes, from {@code @vladmandic/human@3.3.6}), run by the TF.js graph executor.
 *
 * <p>As {@code @vladmandic/human} does it: the image (RGB 0..255) is resized to 512x512 with TensorFlow's
 * legacy bilinear resize, the model gives its 100 best peaks as (x1, y1, x2, y2, score, class) in
 * 512-pixel coordinates, and {@link #detect} keeps those above a minimum score after non-maximum
 * suppression across classes (TF.js's rule: a box is dropped when its IoU with a kept one is at least
 * the threshold). Boxes are scaled back to the image's pixels and clipped to it.
 */
public final class ObjectDetector implements AutoCloseable {

    /** Width and height of the model's input. */
    public static final int SIZE = 512;

    /** The bundled model's manifest name. */
    public static final String MANIFEST = "human-centernet";

    /** The graph node with the [1, 100, 6] detections. */
    public static final String DETECTIONS = "tower_0/detections";

    /**
     * What {@link #detect(NDArray, Settings)} keeps.
     *
     * @param minScore a detection's score must be above this
     * @param iouThreshold a box overlapping a better kept one by at least this IoU is dropped
     * @param maxDetections at most this many are kept, best first
     */
    public record Settings(float minScore, float iouThreshold, int maxDetections) {

        /** {@code @vladmandic/human}'s defaults: score above 0.2, IoU 0.4, at most 10. */
        public static final Settings HUMAN_DEFAULTS = new Settings(0.2f, 0.4f, 10);

        public Settings {
            if (maxDetections < 0 || iouThreshold < 0 || iouThreshold > 1) {
                throw new IllegalArgumentException("maxDetections >= 0 and iouThreshold in [0, 1] are needed, got "
                        + maxDetections + ", " + iouThreshold);
            }
        }
    }

    private final TfjsGraphModel graph;
    private final List<String> labels;

    /**
     * @param graph the CenterNet graph (input [1, 512, 512, 3], output tower_0/detections [1, 100, 6]);
     *     closed with this detector
     * @param labels the 80 class names, by class index
     */
    public ObjectDetector(TfjsGraphModel graph, List<String> labels) {
        this.graph = graph;
        this.labels = List.copyOf(labels);
    }

    /**
     * @param device where the model runs
     * @return the bundled model with its labels, files verified by sha256 into the model cache
     */
    public static ObjectDetector load(Device device) {
        return load(device, new ModelFiles());
    }

    /**
     * @param device where the model runs
     * @param files where the bundled files are verified and put
     * @return the bundled model with its labels
     * @throws ModelFileException naming a missing or altered file and its expected sha256
     */
    public static ObjectDetector load(Device device, ModelFiles files) {
        ModelManifest manifest = ModelManifest.load(MANIFEST);
        List<String> labels = readLabels(files.path(manifest, "labels"));
        return new ObjectDetector(TfjsGraphModel.load(manifest, files, device), labels);
    }

    /** @return the class names, by class index */
    public List<String> labels() {
        return labels;
    }

    /**
     * @param image [height, width, 3] RGB, uint8 or float 0..255
     * @return the objects {@link Settings#HUMAN_DEFAULTS} keeps, best first
     */
    public List<Detection> detect(NDArray image) {
        return detect(image, Settings.HUMAN_DEFAULTS);
    }

    /**
     * @param image [height, width, 3] RGB, uint8 or float 0..255
     * @param settings what to keep
     * @return the kept objects, best first, in the image's pixels
     */
    public List<Detection> detect(NDArray image, Settings settings) {
        return select(rawDetections(image), settings, image.getShape().get(1), image.getShape().get(0));
    }

    /**
     * What {@link #detect} keeps of the model's rows: score above the minimum, non-maximum suppression
     * across classes, at most {@code maxDetections}, boxes clipped to the image.
     *
     * @param raw rows from {@link #rawDetections}
     * @param settings what to keep
     * @param width the image's width in pixels
     * @param height the image's height in pixels
     * @return the kept detections, best first
     */
    public static List<Detection> select(List<Detection> raw, Settings settings, float width, float height) {
        List<Detection> candidates = new ArrayList<>();
        for (Detection d : raw) {
            if (d.score() > settings.minScore()) {
                candidates.add(d);
            }
        }
        candidates.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : candidates) {
            if (kept.size() >= settings.maxDetections()) {
                break;
            }
            if (kept.stream().noneMatch(k -> k.iou(d) >= settings.iouThreshold())) {
                kept.add(d);
            }
        }
        return kept.stream().map(d -> new Detection(clamp(d.x1(), width), clamp(d.y1(), height), clamp(d.x2(), width),
                clamp(d.y2(), height), d.score(), d.classIndex(), d.label())).toList();
    }

    /**
     * The model's 100 rows as they come out (best first), with boxes scaled to the image's pixels but not
     * clipped, before any score threshold or suppression.
     *
     * @param image [height, width, 3] RGB, uint8 or float 0..255
     * @return 100 detections
     */
    public List<Detection> rawDetections(NDArray image) {
        try (NDManager outputs = NDManager.newBaseManager(graph.device(), "PyTorch")) {
            return run(image, List.of(), outputs).raw();
        }
    }

    /**
     * The 100 rows and intermediate nodes of one run of the graph (the pass is shared: a backbone node costs
     * nothing extra).
     *
     * @param raw the rows as {@link #rawDetections(NDArray)} gives them
     * @param nodes the requested nodes' outputs, in the order asked
     */
    public record Pass(List<Detection> raw, NDList nodes) {
    }

    /**
     * Runs the graph once for the detections and the given intermediate nodes.
     *
     * @param image [height, width, 3] RGB, uint8 or float 0..255
     * @param nodes node names of the graph, e.g. a backbone layer
     * @param outputs where the nodes' outputs are attached (the caller frees them)
     * @return the raw rows and the nodes' outputs
     */
    public Pass run(NDArray image, List<String> nodes, NDManager outputs) {
        long height = image.getShape().get(0);
        long width = image.getShape().get(1);
        List<String> wanted = new ArrayList<>(nodes);
        wanted.add(0, DETECTIONS);
        NDList out = execute(image, wanted, outputs);
        float[] rows = out.get(0).toFloatArray();
        float sx = (float) width / SIZE;
        float sy = (float) height / SIZE;
        List<Detection> raw = new ArrayList<>();
        for (int i = 0; i + 5 < rows.length; i += 6) {
            int c = Math.round(rows[i + 5]);
            raw.add(new Detection(rows[i] * sx, rows[i + 1] * sy, rows[i + 2] * sx, rows[i + 3] * sy, rows[i + 4], c,
                    c >= 0 && c < labels.size() ? labels.get(c) : "class " + c));
        }
        return new Pass(raw, out.subNDList(1));
    }

    /**
     * One intermediate node alone: the graph runs only the nodes it needs (a backbone layer skips the heads).
     *
     * @param image [height, width, 3] RGB, uint8 or float 0..255
     * @param node a node name of the graph
     * @param outputs where the output is attached (the caller frees it)
     * @return the node's output
     */
    public NDArray node(NDArray image, String node, NDManager outputs) {
        return execute(image, List.of(node), outputs).singletonOrThrow();
    }

    private NDList execute(NDArray image, List<String> wanted, NDManager outputs) {
        long height = image.getShape().get(0);
        long width = image.getShape().get(1);
        try (NDScope temporaries = new NDScope()) {
            NDArray x = RgbArrays.batchOfOne(image);
            NDArray input = height == SIZE && width == SIZE ? x : ResizeBilinearOp.resize(x, SIZE, SIZE, false, false);
            NDList out = graph.execute(outputs, Map.of(graph.inputNames().get(0), input), wanted);
            NDScope.unregister(out); // the caller's, freed with its manager
            return out;
        }
    }

    /** @return the device the model runs on */
    public Device device() {
        return graph.device();
    }

    private static float clamp(float v, float max) {
        return Math.max(0, Math.min(max, v));
    }

    /** The 80 names of a coco-labels.json ({@code labels} array). */
    static List<String> readLabels(Path file) {
        try {
            JsonNode labels = new ObjectMapper().readTree(file.toFile()).path("labels");
            List<String> out = new ArrayList<>();
            labels.forEach(l -> out.add(l.asText()));
            if (out.size() != 80) {
                throw new ModelFileException("COCO labels file " + file + " holds " + out.size() + " labels, not 80");
            }
            return out;
        } catch (IOException e) {
            throw new ModelFileException("Cannot read COCO labels file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Frees the model's weights. */
    @Override
    public void close() {
        graph.close();
    }
}
