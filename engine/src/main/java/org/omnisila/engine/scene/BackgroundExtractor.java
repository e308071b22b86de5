package org.omnisila.engine.scene;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.SceneFeatures.SlotCue;
import org.omnisila.engine.vision.SelfieSegmenter;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SegmentFrames;

/**
 * x_b, the background scene (paper section 3.1: SAM masks the people, filled black, then an image encoder embeds
 * what remains). No ViT/CLIP weights exist here (shared/models.md), so: MediaPipe's selfie segmentation gives the
 * person mask, and the embedding is CenterNet's backbone feature map ({@link ObjectPass#FEATURES}, [16, 16, 480])
 * pooled over the background. One slot per frame:
 *
 * <pre>
 * offset  values  field
 *   0     480     background embedding (see {@link Embedding})
 * 480       3     mean R, G, B of the background pixels, 0..1
 * 483       3     their standard deviation
 * 486       1     background brightness, 0..1
 * 487       1     fraction of the frame covered by people
 * </pre>
 *
 * <p>The cue is a coarse description without a box, e.g. {@code "dark background, people cover 35% of frame"}.
 */
public final class BackgroundExtractor implements SceneExtractor {

    /** How the people are taken out of the embedding. */
    public enum Embedding {
        /**
         * The feature map of the shared CenterNet pass ({@link ObjectPass}, no extra model run), averaged with
         * each cell weighted by 1 - its mean person probability. People still colour neighbouring cells through
         * the backbone's receptive field.
         */
        MASKED_POOL,
        /**
         * As the paper: pixels whose person probability is above 0.5 are set to black and the backbone (not the
         * heads) runs again on that frame; plain average. Costs one more backbone run per frame.
         */
        FILLED_FRAME
    }

    /** Values of the embedding. */
    public static final int EMBEDDING = ObjectPass.CHANNELS;

    /** Feature values per frame. */
    public static final int WIDTH = EMBEDDING + BackgroundStats.WIDTH;

    /** A pixel with a person probability above this is blacked out by {@link Embedding#FILLED_FRAME}. */
    public static final float PERSON = 0.5f;

    private final ObjectPass pass;
    private final SelfieSegmenter segmenter;
    private final Embedding embedding;

    /**
     * @param pass      the shared CenterNet pass; this extractor takes one share of it
     * @param segmenter the person mask; closed with this extractor
     * @param embedding how people are taken out
     */
    public BackgroundExtractor(ObjectPass pass, SelfieSegmenter segmenter, Embedding embedding) {
        this.pass = pass.share();
        this.segmenter = segmenter;
        this.embedding = embedding;
    }

    /**
     * @param pass  the shared CenterNet pass
     * @param files where the bundled selfie model is verified and put
     * @return an extractor with {@link Embedding#MASKED_POOL}
     */
    public static BackgroundExtractor open(ObjectPass pass, ModelFiles files) {
        return new BackgroundExtractor(pass, SelfieSegmenter.load(files), Embedding.MASKED_POOL);
    }

    /**
     * @param device where CenterNet runs
     * @param files  where the bundled model files are verified and put
     * @return an extractor with its own CenterNet pass
     */
    public static BackgroundExtractor open(Device device, ModelFiles files) {
        try (ObjectPass own = ObjectPass.open(device, files)) {
            return open(own, files);
        }
    }

    @Override
    public Scene scene() {
        return Scene.BACKGROUND;
    }

    @Override
    public String version() {
        return "background/1 selfie_segmentation + centernet masked pool + colour stats";
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int slots() {
        return 1;
    }

    @Override
    public SceneFeatures extract(SegmentFrames segment) {
        float[][] values = new float[segment.frames().size()][];
        List<List<SlotCue>> cues = new ArrayList<>();
        for (int t = 0; t < values.length; t++) {
            RgbImage frame = segment.frames().get(t).image();
            float[] mask = personMask(frame);
            BackgroundStats stats = BackgroundStats.of(frame, mask);
            values[t] = new float[WIDTH];
            System.arraycopy(embed(frame, mask), 0, values[t], 0, EMBEDDING);
            System.arraycopy(stats.values(), 0, values[t], EMBEDDING, BackgroundStats.WIDTH);
            cues.add(List.of(new SlotCue(stats.describe(), null)));
        }
        return new SceneFeatures(values, cues);
    }

    /**
     * The person mask this extractor takes the people out with.
     *
     * @param frame a frame
     * @return [{@link SelfieSegmenter#SIZE} * SIZE] person probabilities 0..1 of the frame stretched to 256x256
     *     (see {@link SelfieSegmenter#mask})
     */
    public float[] personMask(RgbImage frame) {
        return segmenter.mask(frame);
    }

    /**
     * @param frame a frame
     * @param mask  its person mask ({@link SelfieSegmenter#mask})
     * @return the {@link #EMBEDDING} values of its background
     */
    float[] embed(RgbImage frame, float[] mask) {
        if (embedding == Embedding.FILLED_FRAME) {
            float[] all = new float[ObjectPass.GRID * ObjectPass.GRID];
            Arrays.fill(all, 1);
            return FrameObjects.pool(pass.features(blackOut(frame, mask)), all);
        }
        return pass.analyse(frame).pooled(cellWeights(mask));
    }

    /**
     * The background embedding of one frame alone (for the benchmark).
     *
     * @param extractor an extractor
     * @param frame     a frame
     * @param mask      its person mask
     * @return {@link #EMBEDDING} values
     */
    public static float[] embedding(BackgroundExtractor extractor, RgbImage frame, float[] mask) {
        return extractor.embed(frame, mask);
    }

    /**
     * @param mask [256 * 256] person probabilities
     * @return [16 * 16] weights: 1 - the mean person probability of each feature cell's 16 x 16 mask pixels
     */
    static float[] cellWeights(float[] mask) {
        int grid = ObjectPass.GRID;
        int per = SelfieSegmenter.SIZE / grid;
        float[] w = new float[grid * grid];
        for (int y = 0; y < SelfieSegmenter.SIZE; y++) {
            for (int x = 0; x < SelfieSegmenter.SIZE; x++) {
                w[(y / per) * grid + x / per] += mask[y * SelfieSegmenter.SIZE + x];
            }
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.max(0, 1 - w[i] / (per * per));
        }
        return w;
    }

    /** @return the frame with every pixel whose person probability is above {@link #PERSON} set to black */
    static RgbImage blackOut(RgbImage frame, float[] mask) {
        byte[] rgb = frame.rgb();
        int w = frame.width();
        int h = frame.height();
        for (int y = 0; y < h; y++) {
            int my = y * SelfieSegmenter.SIZE / h;
            for (int x = 0; x < w; x++) {
                if (mask[my * SelfieSegmenter.SIZE + x * SelfieSegmenter.SIZE / w] > PERSON) {
                    Arrays.fill(rgb, (y * w + x) * 3, (y * w + x) * 3 + 3, (byte) 0);
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }

    @Override
    public void close() {
        try {
            segmenter.close();
        } finally {
            pass.close();
        }
    }
}
