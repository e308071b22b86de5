package org.omnisila.engine.train;

/**
 * Settings of one training run.
 *
 * @param epochs         passes over the training videos
 * @param learningRate   peak learning rate of AdamW
 * @param warmupRatio    share of the steps spent warming up (the paper: 0.03)
 * @param weightDecay    AdamW's decoupled weight decay
 * @param seed           seeds parameter initialisation, shuffling and K-means
 * @param dictionaryFrames at most this many training frames go into the IEC dictionary's K-means
 */
public record TrainingSettings(int epochs, float learningRate, double warmupRatio, float weightDecay, long seed,
                               int dictionaryFrames) {
    public TrainingSettings {
        if (epochs < 1 || !(learningRate > 0) || dictionaryFrames < 1) {
            throw new IllegalArgumentException("epochs >= 1, learning rate > 0 and dictionaryFrames >= 1 needed; got "
                    + epochs + ", " + learningRate + ", " + dictionaryFrames);
        }
    }

    public static TrainingSettings defaults(int epochs, long seed) {
        return new TrainingSettings(epochs, 1e-3f, 0.03, 1e-2f, seed, 20_000);
    }
}
