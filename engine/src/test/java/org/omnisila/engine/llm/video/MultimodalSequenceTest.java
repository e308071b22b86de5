package org.omnisila.engine.llm.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which row of the multimodal sequence holds what, on small hand-made arrays (d = 3). */
class MultimodalSequenceTest {
    private static final long I = MultimodalSequence.IGNORE_INDEX;
    private static NDManager m;
    /** text row t = (t, t, t); video frame f token n = (100 + 10 f + n, ...); scene token s = (s + 1) * 1000 */
    private static NDArray text;
    private static NDArray video;
    private static NDArray scene;
    private static final long[] IDS = {1, 20, 9, 9, 21, 22, 23}; // placeholders (9) at 2 and 3
    private static final int[] POSITIONS = {2, 3};

    @BeforeAll
    static void arrays() {
        m = NDManager.newBaseManager("PyTorch");
        text = m.arange(0f, 7f).reshape(7, 1).repeat(1, 3); // [7, 3]
        video = m.create(new float[] {100, 101, 110, 111}).reshape(2, 2, 1).repeat(2, 3); // [F 2, N 2, 3]
        scene = m.create(new float[] {1000, 2000, 3000}).reshape(3, 1).repeat(1, 3); // [T_s 3, 3]
    }

    @AfterAll
    static void close() {
        m.close();
    }

    private static float[] column(MultimodalSequence.Sequence s) {
        return s.embeddings().get(":, 0").toFloatArray();
    }

    @Test
    void noneReplacesEachPlaceholderByItsFrame() {
        MultimodalSequence.Sequence s = MultimodalSequence.build(
                new MultimodalItem(IDS, null, POSITIONS, video, null), text, FusionMode.NONE);
        assertArrayEquals(new float[] {0, 1, 100, 101, 110, 111, 4, 5, 6}, column(s));
        assertArrayEquals(new long[] {I, I, I, I, I, I, I, I, I}, s.labels());
    }

    @Test
    void addReachesThePromptTextBeforeTheAnswerOnly() {
        long[] labels = {I, I, I, I, I, 22, 23}; // the answer starts at 5
        MultimodalSequence.Sequence s = MultimodalSequence.build(
                new MultimodalItem(IDS, labels, POSITIONS, video, scene), text, FusionMode.ADD);
        float mean = 2000;
        assertArrayEquals(new float[] {0 + mean, 1 + mean, 100, 101, 110, 111, 4 + mean, 5, 6}, column(s));
        assertArrayEquals(new long[] {I, I, I, I, I, I, I, 22, 23}, s.labels());
        MultimodalSequence.Sequence prompt = MultimodalSequence.build(
                new MultimodalItem(IDS, null, POSITIONS, video, scene), text, FusionMode.ADD);
        assertArrayEquals(new float[] {mean, 1 + mean, 100, 101, 110, 111, 4 + mean, 5 + mean, 6 + mean},
                column(prompt), "without labels the whole prompt is text");
    }

    @Test
    void appendPutsTheSceneTokensAfterTheLastVideoToken() {
        long[] labels = {I, I, I, I, I, 22, 23};
        MultimodalSequence.Sequence s = MultimodalSequence.build(
                new MultimodalItem(IDS, labels, POSITIONS, video, scene), text, FusionMode.APPEND);
        assertArrayEquals(new float[] {0, 1, 100, 101, 110, 111, 1000, 2000, 3000, 4, 5, 6}, column(s));
        assertArrayEquals(new long[] {I, I, I, I, I, I, I, I, I, I, 22, 23}, s.labels());
    }

    @Test
    void batchPadsOnTheRight() {
        MultimodalSequence.Sequence a = MultimodalSequence.build(
                new MultimodalItem(IDS, null, POSITIONS, video, null), text, FusionMode.NONE);
        MultimodalSequence.Sequence b = MultimodalSequence.build(new MultimodalItem(new long[] {1, 9, 9},
                new long[] {I, I, I}, new int[] {1, 2}, video, null),
                text.get(":3"), FusionMode.NONE);
        MultimodalBatch batch = MultimodalSequence.batch(List.of(a, b));
        assertEquals(new Shape(2, 9, 3), batch.embeddings().getShape());
        assertArrayEquals(new int[] {9, 5}, batch.lengths());
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0},
                batch.padding().toLongArray());
        assertArrayEquals(new float[] {0, 100, 101, 110, 111, 0, 0, 0, 0},
                batch.embeddings().get("1, :, 0").toFloatArray());
        assertEquals(DataType.INT64, batch.labels().getDataType());
    }

    @Test
    void refusals() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> MultimodalSequence.build(
                new MultimodalItem(IDS, null, new int[] {2}, video, null), text, FusionMode.NONE));
        assertTrue(count.getMessage().contains("1 image placeholders"), count.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> MultimodalSequence
                .build(new MultimodalItem(IDS, null, POSITIONS, video, null), text, FusionMode.APPEND));
        assertTrue(missing.getMessage().contains("needs scene tokens"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MultimodalSequence.build(
                new MultimodalItem(IDS, null, new int[] {3, 2}, video, null), text, FusionMode.NONE));
    }
}
