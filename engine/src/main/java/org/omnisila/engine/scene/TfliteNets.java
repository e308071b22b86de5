package org.omnisila.engine.scene;

import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;
import org.omnisila.engine.models.ModelFileException;

/** MediaPipe .tflite models in OpenCV DNN: loading with a check of the output names, and running. */
final class TfliteNets {

    private TfliteNets() {
    }

    /**
     * @param model   a .tflite file
     * @param outputs output layer names the caller relies on
     * @return the net; the caller closes it
     * @throws ModelFileException when OpenCV cannot read the file or an output is missing
     */
    static Net read(Path model, List<String> outputs) {
        Net net;
        try {
            net = readNetFromTFLite(model.toString());
        } catch (RuntimeException e) {
            throw new ModelFileException("OpenCV DNN cannot load model file " + model + ": " + e.getMessage(), e);
        }
        if (net.empty()) {
            net.close();
            throw new ModelFileException("OpenCV DNN loaded nothing from model file " + model);
        }
        List<String> names = outputNames(net);
        if (!names.containsAll(outputs)) {
            net.close();
            throw new ModelFileException("Model file " + model + " has outputs " + names + ", expected " + outputs);
        }
        return net;
    }

    /** @return the net's output layer names, as OpenCV reports them */
    static List<String> outputNames(Net net) {
        try (StringVector names = net.getUnconnectedOutLayersNames()) {
            String[] out = new String[(int) names.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = names.get(i).getString().replaceAll("[\\s\\p{Cntrl}]+$", "");
            }
            return List.of(out);
        }
    }

    /**
     * @param net     a net from {@link #read}
     * @param input   its input blob
     * @param outputs the outputs to compute, by name
     * @return each output's values in memory order, in the order asked
     */
    static float[][] run(Net net, Mat input, List<String> outputs) {
        net.setInput(input);
        try (StringVector names = new StringVector(outputs.toArray(new String[0]));
                MatVector results = new MatVector()) {
            net.forward(results, names);
            float[][] out = new float[outputs.size()][];
            for (int i = 0; i < out.length; i++) {
                try (Mat m = results.get(i)) {
                    out[i] = OpenCvImages.floats(m);
                }
            }
            return out;
        }
    }
}
