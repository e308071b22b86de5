package org.omnisila.engine.llm.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.omnisila.engine.llm.DifferentiableCast;

/**
 * Puts text, video and scene tokens into one input sequence, as Video-LLaVA's {@code
 * prepare_inputs_labels_for_multimodal} (llava_arch.py) does with its video features: the prompt's ids are embedded,
 * each of the F image placeholders is replaced by one frame's N projected tokens, in frame order (F x N = 8 x 257
 * for Video-LLaVA-7B), and the labels are expanded with {@link #IGNORE_INDEX} at the video positions. Then the
 * ICM's scene tokens by {@link FusionMode}: ADD adds their mean over frames to every prompt text position (those
 * before the first supervised label), APPEND inserts them after the last video token (labels -100).
 *
 * <p>Everything is NDArray arithmetic (slices, concatenation, addition), so gradients reach the text embedding, the
 * projector, the tower and the scene tokens. Not done (as Video-LLaVA does): truncation to {@code
 * tokenizer_model_max_length}; the caller keeps prompts short enough.
 */
public final class MultimodalSequence {
    /** Video-LLaVA's (and PyTorch's cross entropy's default) {@code IGNORE_INDEX}. */
    public static final long IGNORE_INDEX = -100;

    private MultimodalSequence() {
    }

    /** One sequence: embeddings [L, d] and labels [L]. */
    public record Sequence(NDArray embeddings, long[] labels) {
        /** @return L */
        public int length() {
            return labels.length;
        }
    }

    /**
     * @param item           the prompt's pieces
     * @param textEmbeddings the embeddings of {@code item.ids()} [T, d]
     * @param mode           where the scene tokens go
     * @return the multimodal sequence [L, d], L = T - F + F x N (+ T_s with APPEND)
     * @throws IllegalArgumentException when the placeholders and frames differ in number, a position is out of
     *                                  range or not ascending, the labels' length differs, or the scene tokens are
     *                                  missing for ADD/APPEND
     */
    public static Sequence build(MultimodalItem item, NDArray textEmbeddings, FusionMode mode) {
        long[] ids = item.ids();
        int t = ids.length;
        int[] positions = item.imagePositions();
        Shape video = item.videoTokens().getShape(); // [F, N, d]
        if (video.dimension() != 3 || video.get(0) != positions.length) {
            throw new IllegalArgumentException("the prompt has " + positions.length
                    + " image placeholders, the video tokens are " + video + " (one frame [N, d] per placeholder)");
        }
        if (item.labels() != null && item.labels().length != t) {
            throw new IllegalArgumentException("labels have " + item.labels().length + " entries, ids " + t);
        }
        for (int k = 0; k < positions.length; k++) {
            if (positions[k] < 0 || positions[k] >= t || (k > 0 && positions[k] <= positions[k - 1])) {
                throw new IllegalArgumentException("image positions must be ascending within [0, " + t + "), got "
                        + Arrays.toString(positions));
            }
        }
        if (mode != FusionMode.NONE && item.sceneTokens() == null) {
            throw new IllegalArgumentException("fusion mode " + mode + " needs scene tokens");
        }
        NDArray text = textEmbeddings;
        if (mode == FusionMode.ADD) {
            text = text.add(promptMask(item, textEmbeddings.getManager(), text.getDataType()) // [T, 1]
                    .mul(item.sceneTokens().mean(new int[] {0}, true))); // [T, d]
        }
        int n = Math.toIntExact(video.get(1));
        NDList pieces = new NDList();
        List<Long> labels = new ArrayList<>();
        int from = 0;
        for (int k = 0; k < positions.length; k++) {
            addText(pieces, labels, text, item.labels(), from, positions[k]);
            pieces.add(item.videoTokens().get(k)); // [N, d]
            for (int i = 0; i < n; i++) {
                labels.add(IGNORE_INDEX);
            }
            from = positions[k] + 1;
            if (mode == FusionMode.APPEND && k == positions.length - 1) {
                NDArray scene = DifferentiableCast.to(item.sceneTokens(), text.getDataType()); // [T_s, d]
                pieces.add(scene);
                for (int i = 0; i < scene.getShape().get(0); i++) {
                    labels.add(IGNORE_INDEX);
                }
            }
        }
        addText(pieces, labels, text, item.labels(), from, t);
        NDArray embeddings = NDArrays.concat(pieces, 0); // [L, d]
        return new Sequence(embeddings, labels.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * @param ids           token ids
     * @param placeholderId the image placeholder's id ({@code VicunaTemplate.placeholderId})
     * @return the indices of the placeholders, ascending (for ids + labels from training data)
     */
    public static int[] placeholderPositions(long[] ids, long placeholderId) {
        return java.util.stream.IntStream.range(0, ids.length).filter(i -> ids[i] == placeholderId).toArray();
    }

    /**
     * Right-pads sequences into a training batch (zeros, label -100, mask 0 at padding).
     *
     * @param sequences one or more, of one width d
     * @return the batch [B, L, d]
     */
    public static MultimodalBatch batch(List<Sequence> sequences) {
        int width = sequences.stream().mapToInt(Sequence::length).max().orElseThrow(
                () -> new IllegalArgumentException("no sequence to batch"));
        NDList rows = new NDList(sequences.size());
        long[] labels = new long[sequences.size() * width];
        long[] mask = new long[labels.length];
        int[] lengths = new int[sequences.size()];
        Arrays.fill(labels, IGNORE_INDEX);
        for (int b = 0; b < sequences.size(); b++) {
            Sequence s = sequences.get(b);
            int l = s.length();
            lengths[b] = l;
            NDArray e = s.embeddings(); // [L_b, d]
            rows.add(l == width ? e : e.concat(e.getManager().zeros(new Shape(width - l, e.getShape().get(1)),
                    e.getDataType()), 0)); // [L, d]
            System.arraycopy(s.labels(), 0, labels, b * width, l);
            Arrays.fill(mask, b * width, b * width + l, 1);
        }
        NDArray embeddings = NDArrays.stack(rows); // [B, L, d]
        NDManager m = embeddings.getManager();
        Shape shape = new Shape(sequences.size(), width);
        return new MultimodalBatch(embeddings, m.create(mask, shape), m.create(labels, shape), lengths);
    }

    /**
     * The positions that ADD touches: text positions of the prompt, i.e. before the first supervised label (all of
     * them without labels); the placeholders are among them but are replaced by video tokens anyway.
     *
     * @return [T, 1]: 1 there, 0 elsewhere
     */
    static NDArray promptMask(MultimodalItem item, NDManager manager, DataType type) {
        int t = item.ids().length;
        int end = t;
        if (item.labels() != null) {
            for (int i = 0; i < t; i++) {
                if (item.labels()[i] != IGNORE_INDEX) {
                    end = i;
                    break;
                }
            }
        }
        float[] mask = new float[t];
        Arrays.fill(mask, 0, end, 1);
        return manager.create(mask, new Shape(t, 1)).toType(type, false);
    }

    private static void addText(NDList pieces, List<Long> labels, NDArray text, long[] itemLabels, int from,
                                int to) {
        if (to <= from) {
            return;
        }
        pieces.add(text.get("{}:{}", from, to)); // [to - from, d]
        for (int i = from; i < to; i++) {
            labels.add(itemLabels == null ? IGNORE_INDEX : itemLabels[i]);
        }
    }
}
