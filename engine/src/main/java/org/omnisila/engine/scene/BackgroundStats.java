package org.omnisila.engine.scene;

import org.omnisila.engine.vision.SelfieSegmenter;
import org.omnisila.engine.video.RgbImage;

/**
 * Cheap global statistics of what is not a person, each pixel weighted by 1 - its person probability: mean and
 * standard deviation of R, G, B (0..1), brightness (mean of 0.299 R + 0.587 G + 0.114 B, 0..1), and the fraction
 * of the frame the people cover (the mean person probability).
 *
 * @param values the {@link #WIDTH} values in that order
 */
record BackgroundStats(float[] values) {

    static final int WIDTH = 8;
    static final int BRIGHTNESS = 6;
    static final int PEOPLE = 7;

    /** Every this many pixels in x and y is sampled (a 640x360 frame still gives 14,400 samples). */
    static final int STEP = 4;

    /**
     * @param frame the frame
     * @param mask  its person probabilities as {@link SelfieSegmenter#mask} gives them
     */
    static BackgroundStats of(RgbImage frame, float[] mask) {
        byte[] rgb = frame.rgb();
        int w = frame.width();
        int h = frame.height();
        double[] sum = new double[3];
        double[] squares = new double[3];
        double weight = 0;
        double people = 0;
        int samples = 0;
        for (int y = 0; y < h; y += STEP) {
            int my = y * SelfieSegmenter.SIZE / h;
            for (int x = 0; x < w; x += STEP) {
                float person = mask[my * SelfieSegmenter.SIZE + x * SelfieSegmenter.SIZE / w];
                people += person;
                samples++;
                double bg = 1 - person;
                weight += bg;
                for (int c = 0; c < 3; c++) {
                    double v = (rgb[(y * w + x) * 3 + c] & 0xff) / 255.0;
                    sum[c] += bg * v;
                    squares[c] += bg * v * v;
                }
            }
        }
        float[] v = new float[WIDTH];
        if (weight > 1e-6) {
            for (int c = 0; c < 3; c++) {
                double mean = sum[c] / weight;
                v[c] = (float) mean;
                v[3 + c] = (float) Math.sqrt(Math.max(0, squares[c] / weight - mean * mean));
            }
            v[BRIGHTNESS] = 0.299f * v[0] + 0.587f * v[1] + 0.114f * v[2];
        }
        v[PEOPLE] = (float) (people / samples);
        return new BackgroundStats(v);
    }

    /** @return e.g. {@code "dark background, people cover 35% of frame"} */
    String describe() {
        float b = values[BRIGHTNESS];
        String tone = b < 0.35f ? "dark" : b > 0.65f ? "bright" : "mid-tone";
        int percent = Math.round(100 * values[PEOPLE]);
        return tone + " background, " + (percent < 1 ? "no people" : "people cover " + percent + "% of frame");
    }
}
