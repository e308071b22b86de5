package org.omnisila.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.omnisila.engine.data.SceneVideo;
import org.omnisila.engine.icm.CausalDictionary;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.icm.KMeans;
import org.omnisila.engine.icm.RouterLoss;
import org.omnisila.engine.icm.Scalars;
import org.omnisila.engine.icm.checkpoint.StoredArray;

/**
 * Trains the small ICM on a scene-feature data set, one video (its S segments) per step.
 *
 * <p>Loss per video = cross-entropy of the segment labels + binary cross-entropy of segment presence (an event
 * covers the segment) + L_rb (eq. 2). AdamW with warm-up and cosine decay ({@link LearningRateSchedule}). The
 * IEC dictionary is built by K-means over the training frames' fused embeddings before the first epoch and
 * rebuilt after each, so it follows the embeddings as they learn. Everything is seeded; a cancelled run stops
 * after the current video and reports how far it got. A video whose loss or gradient is not finite is
 * skipped without touching the weights (counted in {@link #skippedUpdates}); more than 5% of an epoch's
 * videos (at least 4) skipped stops the run with {@link TrainingDivergedException}.
 */
public final class IcmTrainer {
    private final IcmModel model;
    private final TrainingSettings settings;
    private final NDManager manager;
    private final AdamW optimizer;
    private boolean optimizerRestored;
    private int skipped;
    private String lastNonFinite;

    /** @param manager owns the model's parameters; the trainer opens a sub-manager per step */
    public IcmTrainer(IcmModel model, TrainingSettings settings, NDManager manager) {
        this.model = model;
        this.settings = settings;
        this.manager = manager;
        this.optimizer = new AdamW(settings.weightDecay(), 1f); // element-wise clip: one bad video cannot blow
                                                               // the weights up
    }

    /** AdamW's moments and step count, for {@code optimizer.safetensors} in a checkpoint. */
    public Map<String, StoredArray> optimizerState() {
        return optimizer.state();
    }

    /**
     * Restores the optimizer state of a checkpoint written by the run being resumed, after the weights were
     * loaded; {@link #train(List, int, TrainingListener, BooleanSupplier)} then continues exactly as the
     * uninterrupted run would have.
     *
     * @throws IllegalArgumentException naming an entry that is missing or mis-shaped
     */
    public void restoreOptimizer(Map<String, StoredArray> state) {
        optimizer.restore(state, parameterNames(), parameterArrays());
        optimizerRestored = true;
    }

    /**
     * @param epochsDone  epochs completed
     * @param cancelled   whether the run was stopped early
     * @param epochLosses mean loss of each completed epoch
     * @param segmentsPerSecond training throughput over the run
     */
    public record Result(int epochsDone, boolean cancelled, List<Double> epochLosses, double segmentsPerSecond) {
    }

    /** Updates skipped so far because a video's loss or gradient was not finite. */
    public int skippedUpdates() {
        return skipped;
    }

    /** Where the last skipped update's gradient first went non-finite (video and parameter), or null. */
    public String lastNonFinite() {
        return lastNonFinite;
    }

    /** Initialises the parameters (seeded) for the data's scene widths; call once before {@link #train}. */
    public void initialize() {
        manager.getEngine().setRandomSeed((int) settings.seed());
        model.initialize(manager, DataType.FLOAT32, IcmModel.inputShapes(model.config(), 1));
    }

    public Result train(List<SceneVideo> videos, TrainingListener listener, BooleanSupplier cancelled) {
        return train(videos, 0, listener, cancelled);
    }

    /**
     * Trains epochs {@code startEpoch + 1 .. epochs}; a resumed run passes the epochs already done. After
     * {@link #restoreOptimizer} the run continues as the uninterrupted one (the same weights on the same
     * device): the video order is replayed, dropout is reseeded at each epoch's start and the learning rate
     * follows the optimizer's step count. Without it the moments start afresh and the schedule continues
     * from {@code startEpoch}'s first step. The IEC dictionary is built before the first epoch and rebuilt after
     * each (or only after the first {@link TrainingSettings#dictionaryEpochs}, then frozen), before
     * {@link TrainingListener#epochDone}, so a checkpoint saved there holds weights and dictionary that belong
     * together.
     */
    public Result train(List<SceneVideo> videos, int startEpoch, TrainingListener listener,
                        BooleanSupplier cancelled) {
        if (videos.isEmpty()) {
            throw new IllegalArgumentException("no training video");
        }
        LearningRateSchedule schedule = new LearningRateSchedule(settings.learningRate(),
                settings.epochs() * videos.size(), settings.warmupRatio(), 0.1f);
        int stepOffset = optimizerRestored ? 0 : startEpoch * videos.size();
        Random shuffle = new Random(settings.seed());
        List<SceneVideo> order = new ArrayList<>(videos);
        List<Double> losses = new ArrayList<>();
        long segments = 0;
        long t0 = System.nanoTime();
        if (startEpoch == 0 || settings.rebuildsDictionaryAfter(startEpoch)) {
            buildDictionary(videos); // a resumed run past the freeze keeps the checkpoint's dictionary
        }
        for (int skip = 0; skip < startEpoch; skip++) {
            Collections.shuffle(order, shuffle); // the same video order as an uninterrupted run
        }
        for (int epoch = startEpoch + 1; epoch <= settings.epochs(); epoch++) {
            Collections.shuffle(order, shuffle);
            manager.getEngine().setRandomSeed((int) (settings.seed() * 1_000 + epoch)); // dropout, per epoch
            double sum = 0;
            int counted = 0;
            int skippedInEpoch = 0;
            long epochSegments = 0;
            long e0 = System.nanoTime();
            for (int i = 0; i < order.size(); i++) {
                if (cancelled.getAsBoolean()) {
                    return new Result(epoch - 1, true, losses, rate(segments, t0));
                }
                double loss = step(order.get(i), schedule.getNewValue(optimizer.steps() + stepOffset));
                if (!Double.isFinite(loss)) {
                    if (++skippedInEpoch > Math.max(3, order.size() / 20)) {
                        throw new TrainingDivergedException("training diverged in epoch " + epoch + ": "
                                + skippedInEpoch + " videos gave a non-finite loss or gradient (last "
                                + order.get(i).id() + "); lower the learning rate (now " + settings.learningRate()
                                + ")");
                    }
                    continue;
                }
                sum += loss;
                counted++;
                epochSegments += order.get(i).segments().size();
                listener.progress(epoch, i + 1, order.size(), sum / counted, rate(epochSegments, e0));
            }
            segments += epochSegments;
            losses.add(sum / Math.max(1, counted));
            if (settings.rebuildsDictionaryAfter(epoch)) {
                buildDictionary(videos);
            }
            listener.epochDone(epoch, sum / Math.max(1, counted));
        }
        return new Result(settings.epochs(), false, losses, rate(segments, t0));
    }

    private double step(SceneVideo video, float learningRate) {
        IcmConfig c = model.config();
        try (NDManager step = manager.newSubManager()) {
            NDList x = VideoTensors.inputs(step, video, c.sceneWidths(), c.frames());
            NDArray labels = VideoTensors.labels(step, video, c.labels());
            NDArray presence = VideoTensors.presence(step, video);
            float loss;
            try (GradientCollector g = manager.getEngine().newGradientCollector()) {
                NDList out = model.forward(new ParameterStore(step, false), x, true);
                NDArray total = loss(out, labels, presence, c);
                g.backward(total);
                loss = total.getFloat();
            }
            List<NDArray> grads = new ArrayList<>();
            double squares = 0;
            List<String> bad = new ArrayList<>();
            for (Pair<String, Parameter> p : model.getParameters()) {
                NDArray grad = p.getValue().getArray().getGradient();
                grad.attach(step); // the handle, not the gradient buffer, closes with the step
                grads.add(grad);
                double sq = grad.square().sum().getFloat();
                if (!Double.isFinite(sq)) {
                    bad.add(p.getKey() + " (" + kind(grad) + ")");
                }
                squares += sq;
            }
            if (!bad.isEmpty()) {
                lastNonFinite = video.id() + ": non-finite gradient in " + bad.size() + " of "
                        + grads.size() + " parameters: " + String.join(", ", bad);
            }
            if (Double.isFinite(squares) && Double.isFinite(loss)) {
                optimizer.update(parameterNames(), parameterArrays(), grads, learningRate);
            } else {
                skipped++; // a non-finite gradient would poison the weights: skip this video's update
                loss = Float.NaN;
            }
            for (NDArray grad : grads) {
                grad.set(new NDIndex("..."), 0); // PyTorch accumulates gradients; DJL's collector does not clear them
            }
            return loss;
        }
    }

    private List<String> parameterNames() {
        return model.getParameters().keys();
    }

    private List<NDArray> parameterArrays() {
        return model.getParameters().values().stream().map(Parameter::getArray).toList();
    }

    private static String kind(NDArray grad) {
        if (grad.isNaN().any().getBoolean()) {
            return "NaN";
        }
        if (grad.isInfinite().any().getBoolean()) {
            return "Inf";
        }
        return "finite, squares overflow: max |g| " + grad.abs().max().getFloat();
    }

    /** Cross-entropy + presence BCE (with logits, numerically stable) + L_rb. */
    static NDArray loss(NDList out, NDArray labels, NDArray presence, IcmConfig c) {
        NDArray logits = out.get(0); // [S, C]
        NDArray ce = logits.logSoftmax(-1).mul(labels.oneHot(c.labels().size())).sum(new int[] {1}).neg().mean();
        NDArray z = out.get(1); // [S] presence logits
        NDArray bce = Scalars.atLeast(z, 0).sub(z.mul(presence)).add(z.abs().neg().exp().add(1).log()).mean();
        NDArray rb = RouterLoss.compute(out.get(2), (float) c.alpha(), (float) c.beta());
        return ce.add(bce).add(rb);
    }

    /** K-means over (a seeded sample of) the training frames' fused embeddings: the IEC dictionary (eq. 4). */
    public void buildDictionary(List<SceneVideo> videos) {
        IcmConfig c = model.config();
        List<float[]> frames = new ArrayList<>();
        try (NDManager sub = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(sub, false);
            for (SceneVideo v : videos) {
                NDArray e = model.fusedEmbeddings(ps, VideoTensors.inputs(sub, v, c.sceneWidths(), c.frames()));
                float[] flat = e.toFloatArray();
                for (int r = 0; r < flat.length / c.hidden(); r++) {
                    float[] row = new float[c.hidden()];
                    System.arraycopy(flat, r * c.hidden(), row, 0, c.hidden());
                    frames.add(row);
                }
            }
        }
        Collections.shuffle(frames, new Random(settings.seed()));
        List<float[]> sample = frames.subList(0, Math.min(frames.size(), settings.dictionaryFrames()));
        int k = Math.min(c.dictionarySize(), sample.size());
        model.iec().setDictionary(CausalDictionary.build(sample.toArray(new float[0][]),
                KMeans.builder().optClusters(k).optSeed(settings.seed()).build()));
    }

    private static double rate(long segments, long since) {
        double seconds = (System.nanoTime() - since) / 1e9;
        return seconds > 0 ? segments / seconds : 0;
    }
}
