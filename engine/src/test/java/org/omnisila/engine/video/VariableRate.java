package org.omnisila.engine.video;

/** A variable-frame-rate timeline: 2 s at 25 fps, then 25 frames 0.12 s apart (8.3 fps). */
final class VariableRate {

    /** The file's time base; every time is a multiple of 1/25 s. */
    static final double TIME_BASE_FPS = 25;

    private VariableRate() {
    }

    static double[] times() {
        double[] t = new double[75];
        for (int i = 0; i < 50; i++) {
            t[i] = i / 25.0;
        }
        for (int i = 0; i < 25; i++) {
            t[50 + i] = (50 + 3 * i) / 25.0;
        }
        return t;
    }
}
