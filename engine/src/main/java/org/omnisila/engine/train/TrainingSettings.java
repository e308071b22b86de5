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
 * @param dictionaryEpochs the IEC dictionary is rebuilt after each of the first this many epochs and then kept
 *                         (frozen); 0 rebuilds it after every epoch
 */
public record TrainingSettings(int epochs, float learningRate, double warmupRatio, float weightDecay, long seed,
                               int dictionaryFrames, int dictionaryEpochs) {
    public TrainingSettings {
        if (epochs < 1 || !(learningRate > 0) || dictionaryFrames < 1 || dictionaryEpochs < 0) {
            throw new IllegalArgumentException("epochs >= 1, learning rate > 0, dictionaryFrames >= 1 and "
                    + "dictionaryEpochs >= 0 needed; got " + epochs + ", " + learningRate + ", " + dictionaryFrames
                    + ", " + dictionaryEpochs);
        }
    }

    /** The dictionary rebuilt after every epoch. */
    public TrainingSettings(int epochs, float learningRate, double warmupRatio, float weightDecay, long seed,
                            int dictionaryFrames) {
        this(epochs, learningRate, warmupRatio, weightDecay, seed, dictionaryFrames, 0);
    }

    /** @return these settings with another seed */
    public TrainingSettings withSeed(long newSeed) {
        return new TrainingSettings(epochs, learningRate, warmupRatio, weightDecay, newSeed, dictionaryFrames,
                dictionaryEpochs);
    }

    /** @return these settings with the dictionary frozen after {@code epochs} epochs (0: never frozen) */
    public TrainingSettings withDictionaryEpochs(int epochs) {
        return new TrainingSettings(this.epochs, learningRate, warmupRatio, weightDecay, seed, dictionaryFrames,
                epochs);
    }

    /** @return whether the dictionary is rebuilt after epoch {@code epoch} (1-based) */
    public boolean rebuildsDictionaryAfter(int epoch) {
        return dictionaryEpochs == 0 || epoch <= dictionaryEpochs;
    }

    public static TrainingSettings defaults(int epochs, long seed) {
        return new TrainingSettings(epochs, 1e-3f, 0.03, 1e-2f, seed, 20_000);
    }
}
