package org.omnisila.engine.scene;

import java.util.List;
import org.omnisila.engine.vision.Detection;

/**
 * What one CenterNet pass saw in a frame: the kept detections and the backbone's last feature map.
 *
 * @param detections the kept detections, best first, in the frame's pixels
 * @param features   node {@link ObjectPass#FEATURES}, [{@link ObjectPass#GRID}, {@link ObjectPass#GRID},
 *                   {@link ObjectPass#CHANNELS}] row-major (cell (r, c) channel k at
 *                   {@code (r * GRID + c) * CHANNELS + k}); cell (r, c) sees the frame's r-th row and c-th column
 *                   of a 16 x 16 grid (the frame is stretched to 512 x 512, 32 pixels per cell)
 */
public record FrameObjects(List<Detection> detections, float[] features) {

    public FrameObjects {
        detections = List.copyOf(detections);
        if (features.length != ObjectPass.GRID * ObjectPass.GRID * ObjectPass.CHANNELS) {
            throw new IllegalArgumentException("a feature map of " + ObjectPass.GRID + "x" + ObjectPass.GRID + "x"
                    + ObjectPass.CHANNELS + " values is needed, got " + features.length);
        }
    }

    /**
     * Weighted global average pooling of the feature map.
     *
     * @param cellWeights [GRID * GRID] non-negative weights, row-major; all ones for a plain average
     * @return [CHANNELS]: sum_cells w * f / sum_cells w, all zeros when the weights sum to (almost) 0
     */
    public float[] pooled(float[] cellWeights) {
        return pool(features, cellWeights);
    }

    /** {@link #pooled} of any feature map laid out as {@link #features}. */
    static float[] pool(float[] features, float[] cellWeights) {
        int cells = ObjectPass.GRID * ObjectPass.GRID;
        int channels = ObjectPass.CHANNELS;
        if (cellWeights.length != cells) {
            throw new IllegalArgumentException(cells + " cell weights are needed, got " + cellWeights.length);
        }
        double[] sum = new double[channels];
        double total = 0;
        for (int cell = 0; cell < cells; cell++) {
            float w = cellWeights[cell];
            if (w <= 0) {
                continue;
            }
            total += w;
            for (int k = 0; k < channels; k++) {
                sum[k] += w * features[cell * channels + k];
            }
        }
        float[] out = new float[channels];
        if (total > 1e-6) {
            for (int k = 0; k < channels; k++) {
                out[k] = (float) (sum[k] / total);
            }
        }
        return out;
    }
}
