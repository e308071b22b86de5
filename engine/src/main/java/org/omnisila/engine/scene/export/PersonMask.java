package org.omnisila.engine.scene.export;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.omnisila.engine.vision.SelfieSegmenter;

/**
 * A person mask small enough to keep for every sampled frame of a long video: the selfie model's 256x256
 * probabilities averaged over 2x2 cells to {@value #SIDE}x{@value #SIDE}, each {@code round(255 * p)} as an
 * unsigned byte, deflated. Like the model's mask it covers the whole frame (stretched, aspect not kept).
 *
 * <p>Measured on the test footage: 1.3 KiB a frame on the vtest pedestrians, 2.5 KiB on Megamind's close-up (36%
 * person); 16 KiB plus a few bytes at worst (noise does not deflate). At the analysis's 4 sampled frames a second
 * an hour is 14,400 frames: 20 to 40 MiB, 230 MiB at worst. Immutable.
 */
public final class PersonMask {

    /** Width and height of the kept mask. */
    public static final int SIDE = SelfieSegmenter.SIZE / 2;

    private final byte[] deflated;

    private PersonMask(byte[] deflated) {
        this.deflated = deflated;
    }

    /**
     * @param probabilities [{@link SelfieSegmenter#SIZE} * SIZE] person probabilities 0..1, row-major
     * @return the mask, downsampled and deflated
     */
    public static PersonMask of(float[] probabilities) {
        int side = SelfieSegmenter.SIZE;
        if (probabilities.length != side * side) {
            throw new IllegalArgumentException("a mask of " + side + "x" + side + " values is needed, got "
                    + probabilities.length);
        }
        byte[] values = new byte[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int i = 2 * y * side + 2 * x;
                float mean = (probabilities[i] + probabilities[i + 1] + probabilities[i + side]
                        + probabilities[i + side + 1]) / 4;
                values[y * SIDE + x] = (byte) Math.round(255 * Math.max(0, Math.min(1, mean)));
            }
        }
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(values);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(values.length / 8);
            byte[] chunk = new byte[4096];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return new PersonMask(out.toByteArray());
        } finally {
            deflater.end();
        }
    }

    /** @return [{@link #SIDE} * SIDE] values {@code round(255 * p)} as unsigned bytes, row-major; a new array */
    public byte[] values() {
        byte[] values = new byte[SIDE * SIDE];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(deflated);
            int n = inflater.inflate(values);
            if (n != values.length || !inflater.finished()) {
                throw new IllegalStateException("a kept mask inflated to " + n + " bytes, not " + values.length);
            }
            return values;
        } catch (DataFormatException e) {
            throw new IllegalStateException("a kept mask does not inflate", e); // only this class deflated it
        } finally {
            inflater.end();
        }
    }

    /** @return the bytes this mask holds (deflated) */
    public int size() {
        return deflated.length;
    }
}
