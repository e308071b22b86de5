package org.omnisila.engine.train;

/** Progress of a training run, reported on the training thread. */
public interface TrainingListener {
    /**
     * @param epoch           1-based epoch
     * @param videosDone      videos done in this epoch
     * @param videosTotal     videos per epoch
     * @param meanLoss        mean loss over this epoch so far
     * @param segmentsPerSecond training throughput so far in this epoch
     */
    void progress(int epoch, int videosDone, int videosTotal, double meanLoss, double segmentsPerSecond);

    /** Called after each epoch with its mean loss. */
    default void epochDone(int epoch, double meanLoss) {
    }

    TrainingListener SILENT = (e, d, t, l, s) -> { };
}
