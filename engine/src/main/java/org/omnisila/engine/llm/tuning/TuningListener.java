package org.omnisila.engine.llm.tuning;

/** Progress of a {@link FullIcmTrainer} run, reported on the training thread after every optimizer step. */
public interface TuningListener {
    /**
     * @param step             optimizer steps done (1-based)
     * @param totalSteps       optimizer steps of the run
     * @param epoch            1-based epoch
     * @param loss             this step's loss (L_lm over the batch's supervised tokens, + L_rb in stage 2)
     * @param learningRate     the learning rate this step used
     * @param examplesPerSecond throughput since the run started
     * @param etaSeconds       estimated seconds left
     */
    void step(int step, int totalSteps, int epoch, double loss, float learningRate, double examplesPerSecond,
              double etaSeconds);

    /**
     * A float16 step whose gradients overflowed: it was skipped (no update) and the loss scale halved
     * ({@link LossScale}). A few of these at the start of a run are normal.
     *
     * @param step       the skipped step (1-based; it counts as done)
     * @param totalSteps optimizer steps of the run
     * @param lossScale  the scale from now on
     */
    default void skipped(int step, int totalSteps, double lossScale) {
    }

    /** A checkpoint was written ({@link FullIcmTrainer#saveCheckpoints}). */
    default void checkpointSaved(int step, java.nio.file.Path folder) {
    }

    /** A checkpoint could not be written (a full disk, say); the run goes on. */
    default void checkpointFailed(int step, java.nio.file.Path dir, String why) {
    }

    /** After each epoch: its mean step loss, and the test split's loss (NaN when there is none). */
    default void epochDone(int epoch, double meanLoss, double testLoss) {
    }

    /** Nothing reported. */
    TuningListener SILENT = (s, n, e, l, lr, r, eta) -> { };
}
