package org.omnisila.engine.llm.tuning;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.omnisila.engine.llm.ClipFramePreprocessor;

/**
 * A batch of {@link TuningExample}s as Video-LLaVA's {@code DataCollatorForSupervisedDataset} makes it: ids
 * right-padded with the pad id, labels right-padded with {@link ConversationTokens#IGNORE}, the attention mask
 * {@code ids != pad} made from the lengths (1 on the example's tokens, 0 on padding: a pad id inside a text still
 * counts), and per example the frames' pixels and scene features.
 *
 * <ul>
 * <li>{@link #ids}, {@link #labels}: [B, T] int64, T the longest example</li>
 * <li>{@link #attentionMask}: [B, T] int64</li>
 * <li>{@link #pixels}: [B·8, 3, S, S] float32, each example's 8 frames consecutive (the tower's input)</li>
 * <li>{@link #scenes}: x_j [B, 8, d_j] float32, scene order face, action, object, background</li>
 * </ul>
 * {@link #order} shuffles an epoch deterministically by seed; {@link #microBatches} splits a batch for gradient
 * accumulation (sum {@link MaskedLmLoss#sum} over the micro-batches and divide by the summed
 * {@link MaskedLmLoss#supervised} counts for the batch's mean).
 */
public final class TuningBatch {
    private final List<TuningExample> examples;
    private final long pad;

    private TuningBatch(List<TuningExample> examples, long pad) {
        this.examples = List.copyOf(examples);
        this.pad = pad;
    }

    /**
     * @param examples at least one
     * @param pad      the pad id (LLaMA: {@code unk}, as Video-LLaVA's v1 training sets it;
     *                 {@code LlmTokenizer.special().pad()})
     */
    public static TuningBatch of(List<TuningExample> examples, long pad) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one example");
        }
        return new TuningBatch(examples, pad);
    }

    /** @return B */
    public int size() {
        return examples.size();
    }

    /** @return the examples, in batch order */
    public List<TuningExample> examples() {
        return examples;
    }

    /** @return T, the longest example's length */
    public int length() {
        return examples.stream().mapToInt(e -> e.tokens().length()).max().orElse(0);
    }

    /** @return [B][T] ids, right-padded with the pad id */
    public long[][] idArray() {
        return padded(e -> e.tokens().ids(), pad);
    }

    /** @return [B][T] labels, right-padded with -100 */
    public long[][] labelArray() {
        return padded(e -> e.tokens().labels(), ConversationTokens.IGNORE);
    }

    /** @return [B][T] 1 on tokens, 0 on padding */
    public long[][] maskArray() {
        int t = length();
        long[][] out = new long[size()][t];
        for (int b = 0; b < size(); b++) {
            Arrays.fill(out[b], 0, examples.get(b).tokens().length(), 1L);
        }
        return out;
    }

    /** @return ids [B, T] int64 */
    public NDArray ids(NDManager manager) {
        return create(manager, idArray());
    }

    /** @return labels [B, T] int64 */
    public NDArray labels(NDManager manager) {
        return create(manager, labelArray());
    }

    /** @return attention mask [B, T] int64 */
    public NDArray attentionMask(NDManager manager) {
        return create(manager, maskArray());
    }

    /**
     * @return pixels [B·F, 3, S, S] of every example's frames, example by example
     * @throws IllegalStateException when an example has no frames
     */
    public NDArray pixels(NDManager manager, ClipFramePreprocessor preprocessor) {
        NDList per = new NDList();
        for (TuningExample e : examples) {
            if (e.frames() == null) {
                throw new IllegalStateException("example " + e.id() + " has no frames");
            }
            per.add(preprocessor.images(manager, e.frames().images()));
        }
        return NDArrays.concat(per);
    }

    /**
     * @return x_j [B, F, d_j] per scene
     * @throws IllegalStateException when an example has no scene features, or their shapes differ
     */
    public NDList scenes(NDManager manager) {
        SceneInputs first = examples.get(0).scenes();
        if (first == null) {
            throw new IllegalStateException("example " + examples.get(0).id() + " has no scene features");
        }
        NDList out = new NDList();
        for (int j = 0; j < first.values().length; j++) {
            int f = first.frames();
            int d = first.width(j);
            float[] flat = new float[size() * f * d];
            for (int b = 0; b < size(); b++) {
                SceneInputs s = examples.get(b).scenes();
                if (s == null || s.frames() != f || s.width(j) != d) {
                    throw new IllegalStateException("example " + examples.get(b).id() + " has no scene features or "
                            + "other shapes than " + examples.get(0).id() + " (scene " + j + ": [" + f + ", " + d
                            + "] expected)");
                }
                float[][] rows = s.values()[j];
                for (int t = 0; t < f; t++) {
                    System.arraycopy(rows[t], 0, flat, (b * f + t) * d, d);
                }
            }
            out.add(manager.create(flat, new Shape(size(), f, d)));
        }
        return out;
    }

    /**
     * @param microBatchSize examples per micro-batch, &gt;= 1
     * @return this batch cut into consecutive micro-batches (the last may be smaller), each padded to its own length
     */
    public List<TuningBatch> microBatches(int microBatchSize) {
        if (microBatchSize < 1) {
            throw new IllegalArgumentException("micro-batch size must be >= 1 but was " + microBatchSize);
        }
        List<TuningBatch> out = new ArrayList<>();
        for (int i = 0; i < size(); i += microBatchSize) {
            out.add(new TuningBatch(examples.subList(i, Math.min(size(), i + microBatchSize)), pad));
        }
        return out;
    }

    /**
     * The batches of one epoch: the indices 0 .. n-1 shuffled (Fisher-Yates, {@code java.util.Random(seed)}, the
     * epoch's shuffle being the (epoch + 1)-th of that generator, so every epoch differs and each is reproducible),
     * cut into batches of {@code batchSize} (the last may be smaller).
     *
     * @param n         examples
     * @param batchSize examples per batch
     * @param seed      the run's seed
     * @param epoch     0-based
     * @return the example indices of each batch
     */
    public static List<int[]> order(int n, int batchSize, long seed, int epoch) {
        if (n < 0 || batchSize < 1 || epoch < 0) {
            throw new IllegalArgumentException("need n >= 0, batchSize >= 1, epoch >= 0 but got " + n + ", "
                    + batchSize + ", " + epoch);
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Random random = new Random(seed);
        for (int e = 0; e <= epoch; e++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
        }
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i += batchSize) {
            out.add(Arrays.copyOfRange(idx, i, Math.min(n, i + batchSize)));
        }
        return out;
    }

    private interface Row {
        long[] of(TuningExample e);
    }

    private long[][] padded(Row row, long fill) {
        int t = length();
        long[][] out = new long[size()][];
        for (int b = 0; b < size(); b++) {
            long[] r = row.of(examples.get(b));
            out[b] = Arrays.copyOf(r, t);
            Arrays.fill(out[b], r.length, t, fill);
        }
        return out;
    }

    private static NDArray create(NDManager manager, long[][] rows) {
        int t = rows[0].length;
        long[] flat = new long[rows.length * t];
        for (int b = 0; b < rows.length; b++) {
            System.arraycopy(rows[b], 0, flat, b * t, t);
        }
        return manager.create(flat, new Shape(rows.length, t));
    }
}
