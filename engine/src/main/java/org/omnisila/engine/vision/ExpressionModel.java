package org.omnisila.engine.vision;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.ModelManifest;
import org.omnisila.engine.tfjs.ResizeBilinearOp;
import org.omnisila.engine.tfjs.TfjsGraphModel;

/**
 * Facial expression of face crops with the bundled mini-Xception (manifest {@code human-emotion}, from
 * {@code @vladmandic/human@3.3.6}), run by the TF.js graph executor.
 *
 * <p>Each face is prepared as {@code @vladmandic/human} prepares it (models.md): RGB / 255, bilinear
 * resize to 64x64 (TensorFlow's legacy coordinates), grey {@code 0.2989 R + 0.5870 G + 0.1140 B}, then
 * {@code (g - 0.5) * 2}; the model gives 7 softmax probabilities.
 */
public final class ExpressionModel implements AutoCloseable {

    /** The model's classes, in output order. */
    public static final List<String> LABELS = List.of("angry", "disgust", "fear", "happy", "sad", "surprise",
            "neutral");

    /** Width and height of the model's input. */
    public static final int SIZE = 64;

    /** The bundled model's manifest name. */
    public static final String MANIFEST = "human-emotion";

    private static final float[] GREY = {0.2989f, 0.5870f, 0.1140f};

    private final TfjsGraphModel graph;

    /** @param graph the emotion graph (input [-1, 64, 64, 1], output [-1, 7]); closed with this model */
    public ExpressionModel(TfjsGraphModel graph) {
        this.graph = graph;
    }

    /**
     * @param device where the model runs
     * @return the bundled model, its files verified by sha256 into the model cache
     */
    public static ExpressionModel load(Device device) {
        return new ExpressionModel(TfjsGraphModel.load(ModelManifest.load(MANIFEST), new ModelFiles(), device));
    }

    /**
     * @param face a face crop, [height, width, 3] RGB, uint8 or float 0..255
     * @return its expression
     */
    public Expression classify(NDArray face) {
        return classify(List.of(face)).get(0);
    }

    /**
     * @param faces face crops of any sizes, each [height, width, 3] RGB 0..255; run as one batch
     * @return their expressions, in order
     */
    public List<Expression> classify(List<NDArray> faces) {
        if (faces.isEmpty()) {
            return List.of();
        }
        try (NDManager outputs = NDManager.newBaseManager(graph.device(), "PyTorch");
                NDScope temporaries = new NDScope()) {
            NDList batch = new NDList();
            for (NDArray face : faces) {
                NDArray prepared = prepare(face);
                NDScope.register(prepared);
                batch.add(prepared);
            }
            float[] p = graph.execute(outputs, NDArrays.stack(batch)).toFloatArray();
            List<Expression> out = new ArrayList<>();
            for (int i = 0; i < faces.size(); i++) {
                out.add(new Expression(java.util.Arrays.copyOfRange(p, i * LABELS.size(), (i + 1) * LABELS.size())));
            }
            return out;
        }
    }

    /**
     * The model's input for one face, as models.md describes it.
     *
     * @param face [height, width, 3] RGB 0..255
     * @return [64, 64, 1] float32 in [-1, 1], on the face's manager
     */
    public static NDArray prepare(NDArray face) {
        try (NDScope temporaries = new NDScope()) {
            NDArray x = RgbArrays.batchOfOne(face).div(255);
            NDArray resized = ResizeBilinearOp.resize(x, SIZE, SIZE, false, false);
            NDArray weights = face.getManager().create(GREY).toDevice(resized.getDevice(), false);
            NDArray grey = resized.mul(weights).sum(new int[] {3}, true);
            NDArray prepared = grey.sub(0.5f).mul(2).squeeze(0);
            NDScope.unregister(prepared);
            return prepared;
        }
    }

    /** Frees the model's weights. */
    @Override
    public void close() {
        graph.close();
    }
}
