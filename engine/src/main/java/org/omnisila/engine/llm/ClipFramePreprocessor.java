package org.omnisila.engine.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SampledFrame;

/**
 * Frames to the video tower's input, as LanguageBind's video processor does for Video-LLaVA (its decord path:
 * divide by 255, normalise with CLIP's mean and std, {@code ShortSideScale(224)}, {@code CenterCropVideo(224)}).
 *
 * <ol>
 *   <li><b>Resize</b> so that the shorter side is S (224), the longer one floor(long / short x S) (pytorchvideo's
 *       {@code short_side_scale}), <b>bilinearly</b> as {@code F.interpolate(mode="bilinear", align_corners=
 *       False)} without antialiasing: source coordinate (x + 0.5) * in / out - 0.5, clamped at 0.
 *   <li><b>Centre crop</b> to S x S, the offset round((size - S) / 2) with Python's round-half-to-even, as
 *       torchvision's {@code center_crop} computes it.
 *   <li><b>Scale</b> to [0, 1] and <b>normalise</b> per channel with CLIP's (OpenAI's) mean and std.
 * </ol>
 * The normalisation is affine per channel and the bilinear weights sum to 1, so normalising before or after the
 * resize gives the same numbers up to rounding; it is done last here. (LanguageBind's training transform also
 * flips at random, {@code RandomHorizontalFlipVideo}; at inference there is no flip here.)
 *
 * <ul>
 *   <li>input: F frames of any size (Video-LLaVA: {@link #FRAMES} = 8, sampled uniformly over the clip)
 *   <li>output: pixels [F, 3, S, S] float32, channels R, G, B
 * </ul>
 */
public final class ClipFramePreprocessor {
    /** Frames per video in Video-LLaVA (LanguageBind's {@code num_frames}). */
    public static final int FRAMES = 8;
    /** CLIP's per-channel mean (R, G, B) of pixels in [0, 1]. */
    public static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    /** CLIP's per-channel standard deviation. */
    public static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private final int size;

    /** @param size S, the tower's image size (224) */
    public ClipFramePreprocessor(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("image size must be > 0, got " + size);
        }
        this.size = size;
    }

    /** @return the pixels [F, 3, S, S] of the sampled frames' images */
    public NDArray pixels(NDManager manager, List<SampledFrame> frames) {
        return images(manager, frames.stream().map(SampledFrame::image).toList());
    }

    /** @return the pixels [F, 3, S, S] of the images */
    public NDArray images(NDManager manager, List<RgbImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no frames");
        }
        int plane = 3 * size * size;
        float[] out = new float[images.size() * plane];
        for (int f = 0; f < images.size(); f++) {
            System.arraycopy(frame(images.get(f)), 0, out, f * plane, plane);
        }
        return manager.create(out, new Shape(images.size(), 3, size, size));
    }

    /** @return one frame's pixels [3, S, S], flattened channel, row, column */
    public float[] frame(RgbImage image) {
        int w = image.width();
        int h = image.height();
        int outW = w < h ? size : (int) Math.floor((double) w / h * size); // the resized size
        int outH = w < h ? (int) Math.floor((double) h / w * size) : size;
        int top = (int) Math.rint((outH - size) / 2.0); // rint: half to even, as Python's round
        int left = (int) Math.rint((outW - size) / 2.0);
        byte[] rgb = image.rgb();
        float[] out = new float[3 * size * size];
        for (int y = 0; y < size; y++) {
            Tap ty = Tap.of(top + y, h, outH);
            for (int x = 0; x < size; x++) {
                Tap tx = Tap.of(left + x, w, outW);
                for (int c = 0; c < 3; c++) {
                    float top0 = value(rgb, w, ty.i0, tx.i0, c) * (1 - tx.weight) + value(rgb, w, ty.i0, tx.i1, c)
                            * tx.weight;
                    float bottom = value(rgb, w, ty.i1, tx.i0, c) * (1 - tx.weight) + value(rgb, w, ty.i1, tx.i1, c)
                            * tx.weight;
                    float v = (top0 * (1 - ty.weight) + bottom * ty.weight) / 255f;
                    out[(c * size + y) * size + x] = (v - MEAN[c]) / STD[c];
                }
            }
        }
        return out;
    }

    private static float value(byte[] rgb, int width, int y, int x, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }

    /**
     * The two source pixels of one output coordinate and the second one's weight, as PyTorch's bilinear
     * upsampling computes them (scale in float32, as its CPU kernel does).
     */
    private record Tap(int i0, int i1, float weight) {
        static Tap of(int out, int inSize, int outSize) {
            float scale = (float) inSize / outSize;
            float src = Math.max(scale * (out + 0.5f) - 0.5f, 0f);
            int i0 = (int) src;
            int i1 = i0 < inSize - 1 ? i0 + 1 : i0;
            return new Tap(i0, i1, src - i0);
        }
    }
}
