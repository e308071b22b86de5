package org.omnisila.engine.scene;

import java.util.List;
import java.util.Random;

/**
 * A compact encoding of CenterNet's 80 COCO classes: the class's COCO supercategory (12, one-hot) and a fixed
 * 16-value code per class, so that classes of one supercategory stay apart without an 80-value one-hot.
 *
 * <p>The codes are Gaussian random projections of the one-hot (values N(0, 1/16), so a code's squared norm is
 * about 1 and two codes are nearly orthogonal), drawn once from {@code java.util.Random(}{@link #SEED}{@code )},
 * whose sequence Java specifies: the same on every JVM, never trained, never stored.
 */
public final class CocoClasses {

    /** COCO's supercategories, in the order of their one-hot positions. */
    public static final List<String> SUPERCATEGORIES = List.of("person", "vehicle", "outdoor", "animal",
            "accessory", "sports", "kitchen", "food", "furniture", "electronic", "appliance", "indoor");

    /** Classes. */
    public static final int CLASSES = 80;

    /** Values of a class code. */
    public static final int CODE = 16;

    /** Seed of the class codes. */
    public static final long SEED = 20240607L;

    /** First class index of each supercategory, in COCO's (and CenterNet's) class order. */
    private static final int[] FIRST = {0, 1, 9, 14, 24, 29, 39, 46, 56, 62, 68, 73};

    private static final float[][] CODES = codes();

    private CocoClasses() {
    }

    /**
     * @param classIndex 0..79
     * @return 0..11, the index in {@link #SUPERCATEGORIES}
     */
    public static int supercategory(int classIndex) {
        check(classIndex);
        int s = 0;
        while (s + 1 < FIRST.length && classIndex >= FIRST[s + 1]) {
            s++;
        }
        return s;
    }

    /**
     * @param classIndex 0..79
     * @return a copy of the class's {@link #CODE} values
     */
    public static float[] code(int classIndex) {
        check(classIndex);
        return CODES[classIndex].clone();
    }

    private static void check(int classIndex) {
        if (classIndex < 0 || classIndex >= CLASSES) {
            throw new IllegalArgumentException("a COCO class index is 0..79, got " + classIndex);
        }
    }

    private static float[][] codes() {
        Random random = new Random(SEED);
        float[][] out = new float[CLASSES][CODE];
        for (float[] code : out) {
            for (int k = 0; k < CODE; k++) {
                code[k] = (float) (random.nextGaussian() / Math.sqrt(CODE));
            }
        }
        return out;
    }
}
