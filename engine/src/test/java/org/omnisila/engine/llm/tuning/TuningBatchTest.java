package org.omnisila.engine.llm.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.llm.ClipFramePreprocessor;
import org.omnisila.engine.llm.text.LlmTokenizer;
import org.omnisila.engine.llm.text.VicunaTemplate;
import org.omnisila.engine.video.RgbImage;

/** Right padding, labels and mask; pixels and scene features per example; seeded order; micro-batches. */
class TuningBatchTest {
    private static LlmTokenizer tokenizer;
    private static List<TuningExample> examples;

    @BeforeAll
    static void make() {
        tokenizer = LlmTokenizer.open(TuningFixtures.tokenizer());
        String[][] conv = {{"<video>\nPlease describe the background.", "A street."},
            {"<video>\nPlease describe the human action.", "Two people are fighting in the street at night."},
            {"<video>\nPlease describe the image region.", "A car."}};
        examples = new ArrayList<>();
        for (int i = 0; i < conv.length; i++) {
            ConversationTokens t = ConversationTokens.of(tokenizer, new VicunaTemplate(), List.of(
                    new InstructionDataset.Turn("human", conv[i][0]), new InstructionDataset.Turn("gpt", conv[i][1])));
            examples.add(new TuningExample("e" + i, t, frames(i), scenes(i)));
        }
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static VideoFrames8 frames(int seed) {
        List<RgbImage> images = new ArrayList<>();
        double[] times = new double[8];
        for (int k = 0; k < 8; k++) {
            byte[] rgb = new byte[20 * 10 * 3];
            Arrays.fill(rgb, (byte) (seed * 40 + k));
            images.add(new RgbImage(20, 10, rgb));
            times[k] = k;
        }
        return new VideoFrames8(images, times);
    }

    private static SceneInputs scenes(int seed) {
        int[] widths = {3, 2, 4, 1};
        float[][][] v = new float[4][8][];
        for (int j = 0; j < 4; j++) {
            for (int t = 0; t < 8; t++) {
                v[j][t] = new float[widths[j]];
                Arrays.fill(v[j][t], seed * 100 + j * 10 + t);
            }
        }
        return new SceneInputs(v, List.of(Scene.values()));
    }

    @Test
    void rightPaddedIdsLabelsAndMask() {
        TuningBatch b = TuningBatch.of(examples, tokenizer.special().pad());
        int t = b.length();
        assertEquals(examples.stream().mapToInt(e -> e.tokens().length()).max().getAsInt(), t);
        long[][] ids = b.idArray();
        long[][] labels = b.labelArray();
        long[][] mask = b.maskArray();
        for (int i = 0; i < 3; i++) {
            ConversationTokens e = examples.get(i).tokens();
            int n = e.length();
            assertArrayEquals(e.ids(), Arrays.copyOf(ids[i], n));
            assertArrayEquals(e.labels(), Arrays.copyOf(labels[i], n));
            for (int p = n; p < t; p++) {
                assertEquals(tokenizer.special().pad(), ids[i][p]);
                assertEquals(ConversationTokens.IGNORE, labels[i][p]);
                assertEquals(0, mask[i][p]);
            }
            for (int p = 0; p < n; p++) {
                assertEquals(1, mask[i][p]);
            }
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            assertEquals(new Shape(3, t), b.ids(manager).getShape());
            assertArrayEquals(labels[1], b.labels(manager).get(1).toLongArray());
            assertArrayEquals(mask[2], b.attentionMask(manager).get(2).toLongArray());
            ClipFramePreprocessor pre = new ClipFramePreprocessor(14);
            NDArray pixels = b.pixels(manager, pre);
            assertEquals(new Shape(24, 3, 14, 14), pixels.getShape());
            // example 1's frame 3 is the tenth... the 8 + 3rd image
            assertArrayEquals(pre.frame(examples.get(1).frames().images().get(3)),
                    pixels.get(8 + 3).toFloatArray(), 1e-6f);
            NDList x = b.scenes(manager);
            assertEquals(new Shape(3, 8, 4), x.get(2).getShape());
            assertArrayEquals(new float[] {225, 225, 225, 225}, x.get(2).get(new NDIndex("2, 5")).toFloatArray());
        }
    }

    @Test
    void seededOrderIsAPermutationThatChangesWithEpochAndSeed() {
        List<int[]> a = TuningBatch.order(10, 4, 7, 0);
        assertEquals(3, a.size());
        assertEquals(2, a.get(2).length);
        int[] all = a.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all);
        assertArrayEquals(flat(a), flat(TuningBatch.order(10, 4, 7, 0)));
        assertNotEquals(Arrays.toString(flat(a)), Arrays.toString(flat(TuningBatch.order(10, 4, 7, 1))));
        assertNotEquals(Arrays.toString(flat(a)), Arrays.toString(flat(TuningBatch.order(10, 4, 8, 0))));
    }

    /** Summed loss sums over micro-batches / summed counts = the whole batch's mean loss. */
    @Test
    void microBatchesAccumulateToTheBatchLoss() {
        TuningBatch b = TuningBatch.of(examples, tokenizer.special().pad());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            manager.getEngine().setRandomSeed(3);
            NDArray logits = manager.randomNormal(new Shape(3, b.length(), tokenizer.size()));
            float whole = MaskedLmLoss.loss(logits, b.labels(manager)).getFloat();
            double sum = 0;
            long count = 0;
            int start = 0;
            List<TuningBatch> micro = b.microBatches(2);
            assertEquals(2, micro.size());
            for (TuningBatch m : micro) {
                NDArray l = logits.get(new NDIndex(start + ":" + (start + m.size()) + ", :" + m.length() + ", :"));
                NDArray lab = m.labels(manager);
                sum += MaskedLmLoss.sum(l, lab).getFloat();
                count += MaskedLmLoss.supervised(lab);
                start += m.size();
            }
            assertEquals(whole, sum / count, 1e-5);
            assertEquals(examples.stream().mapToInt(e -> e.tokens().supervised()).sum(), count);
        }
        assertThrows(IllegalArgumentException.class, () -> TuningBatch.of(List.of(), 0));
    }

    private static int[] flat(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }
}
