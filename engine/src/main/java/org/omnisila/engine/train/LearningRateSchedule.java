package org.omnisila.engine.train;

import ai.djl.training.tracker.Tracker;

/**
 * Linear warm-up over the first {@code warmupRatio} of the steps (the paper: 0.03), then cosine decay to
 * {@code floor} times the peak: lr(t) = peak * t / w for t < w, else floor*peak + (1-floor)*peak*(1+cos(pi*(t-w)/(n-w)))/2.
 */
public record LearningRateSchedule(float peak, int totalSteps, double warmupRatio, float floor) implements Tracker {
    public LearningRateSchedule {
        if (!(peak > 0) || totalSteps < 1 || !(warmupRatio >= 0 && warmupRatio < 1) || !(floor >= 0 && floor <= 1)) {
            throw new IllegalArgumentException("bad schedule: peak " + peak + ", steps " + totalSteps + ", warm-up "
                    + warmupRatio + ", floor " + floor);
        }
    }

    @Override
    public float getNewValue(int step) {
        int warmup = (int) Math.ceil(warmupRatio * totalSteps);
        if (step < warmup) {
            return peak * (step + 1) / warmup;
        }
        double progress = Math.min(1.0, (step - warmup) / (double) Math.max(1, totalSteps - warmup));
        return (float) (floor * peak + (1 - floor) * peak * (1 + Math.cos(Math.PI * progress)) / 2);
    }
}
