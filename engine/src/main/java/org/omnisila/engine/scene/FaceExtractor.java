package org.omnisila.engine.scene;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bytedeco.opencv.opencv_core.Mat;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.scene.SceneFeatures.SlotCue;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SampledFrame;
import org.omnisila.engine.video.SegmentFrames;
import org.omnisila.engine.vision.Expression;
import org.omnisila.engine.vision.ExpressionModel;
import org.omnisila.engine.vision.RgbArrays;

/**
 * x_f, the facial-expression scene: per frame the {@link #FACES} largest faces, each slot holding
 * {@link #SLOT} values (docs/model.md, "Scene-Enriched Modeling"):
 *
 * <pre>
 *   0..6   expression probabilities: angry, disgust, fear, happy, sad, surprise, neutral
 *   7, 8   box centre x / frame width, centre y / frame height
 *   9, 10  box width / frame width, height / frame height
 *   11     detection score
 * </pre>
 *
 * Width {@code FACES * SLOT} = 48. The expressions of all faces of the segment's frames are one batch.
 */
public final class FaceExtractor implements SceneExtractor {

    /** Face slots per frame. */
    public static final int FACES = 4;
    /** Values per face slot. */
    public static final int SLOT = 12;
    /** Offset of the geometry (centre x, centre y, width, height, score) in a slot. */
    public static final int GEOMETRY = ExpressionModel.LABELS.size();
    /** Side of the square face crop given to the expression model (it resizes to 64x64). */
    public static final int CROP = 96;

    private final FaceDetector detector;
    private final ExpressionModel expressions;
    private final Device device;

    /**
     * @param detector    finds the faces; closed with this extractor
     * @param expressions classifies them; closed with this extractor
     * @param device      where the expression model runs
     */
    public FaceExtractor(FaceDetector detector, ExpressionModel expressions, Device device) {
        this.detector = detector;
        this.expressions = expressions;
        this.device = device;
    }

    /** @return BlazeFace (the Haar cascade when it cannot load) and the bundled expression model */
    public static FaceExtractor load(Device device, FaceDetectors.Choice choice) {
        FaceDetector detector = FaceDetectors.open(choice);
        try {
            return new FaceExtractor(detector, ExpressionModel.load(device), device);
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
    }

    @Override
    public Scene scene() {
        return Scene.FACE;
    }

    @Override
    public String version() {
        return "face/1 " + detector.getClass().getSimpleName() + " + human-models emotion 3.0.4";
    }

    @Override
    public int width() {
        return FACES * SLOT;
    }

    @Override
    public int slots() {
        return FACES;
    }

    /** @return the detector in use (BlazeFace or the Haar fallback) */
    public FaceDetector detector() {
        return detector;
    }

    /**
     * A face in a slot, with its expression.
     *
     * @param face       where the detector found it, source-frame pixels
     * @param expression what the expression model makes of its crop
     */
    public record ExpressedFace(FaceDetection face, Expression expression) {
    }

    /**
     * What the slots of each frame hold: the {@link #FACES} largest faces, largest first, each with its expression
     * ({@link #extract} encodes exactly these).
     *
     * @param segment the segment's frames
     * @return one list per frame, at most {@link #FACES} long
     */
    public List<List<ExpressedFace>> faces(SegmentFrames segment) {
        List<SampledFrame> frames = segment.frames();
        List<List<FaceDetection>> faces = new ArrayList<>();
        for (SampledFrame frame : frames) {
            faces.add(largest(detector.detect(frame.image())));
        }
        List<Expression> all = classify(frames, faces);
        List<List<ExpressedFace>> out = new ArrayList<>();
        int next = 0;
        for (List<FaceDetection> frame : faces) {
            List<ExpressedFace> expressed = new ArrayList<>();
            for (FaceDetection f : frame) {
                expressed.add(new ExpressedFace(f, all.get(next++)));
            }
            out.add(expressed);
        }
        return out;
    }

    @Override
    public SceneFeatures extract(SegmentFrames segment) {
        List<SampledFrame> frames = segment.frames();
        List<List<ExpressedFace>> faces = faces(segment);
        float[][] values = new float[frames.size()][width()];
        List<List<SlotCue>> cues = new ArrayList<>();
        for (int t = 0; t < frames.size(); t++) {
            RgbImage image = frames.get(t).image();
            SlotCue[] frameCues = new SlotCue[FACES];
            for (int k = 0; k < faces.get(t).size(); k++) {
                FaceDetection f = faces.get(t).get(k).face();
                Expression e = faces.get(t).get(k).expression();
                write(values[t], k * SLOT, f, e, image);
                frameCues[k] = new SlotCue(String.format(Locale.ROOT, "face %d: %s %.2f", k + 1, e.label(),
                        e.score()), f.box());
            }
            cues.add(Arrays.asList(frameCues));
        }
        return new SceneFeatures(values, cues);
    }

    private static List<FaceDetection> largest(List<FaceDetection> found) {
        List<FaceDetection> sorted = new ArrayList<>();
        for (FaceDetection f : found) {
            if (f.width() >= 2 && f.height() >= 2) { // a crop needs a few pixels
                sorted.add(f);
            }
        }
        sorted.sort((a, b) -> Float.compare(b.area(), a.area()));
        return sorted.subList(0, Math.min(FACES, sorted.size()));
    }

    /** One batch of expressions for every face of every frame, in frame then slot order. */
    private List<Expression> classify(List<SampledFrame> frames, List<List<FaceDetection>> faces) {
        try (NDManager manager = NDManager.newBaseManager(device, "PyTorch")) {
            List<NDArray> crops = new ArrayList<>();
            for (int t = 0; t < frames.size(); t++) {
                if (faces.get(t).isEmpty()) {
                    continue;
                }
                try (Mat rgb = OpenCvImages.toMat(frames.get(t).image())) {
                    for (FaceDetection f : faces.get(t)) {
                        crops.add(RgbArrays.fromRgb(manager, CROP, CROP, crop(rgb, f.box()).rgb()));
                    }
                }
            }
            return expressions.classify(crops);
        }
    }

    /**
     * The face crop the expression model is given: the square on the face box's longer side, centred on the box,
     * resized (bilinear) to {@link #CROP} x {@link #CROP}, black outside the frame.
     *
     * @param frame the frame the face was found in
     * @param face  the face's box ({@link FaceDetection#box()}), frame pixels
     */
    public static RgbImage crop(RgbImage frame, Box face) {
        try (Mat rgb = OpenCvImages.toMat(frame)) {
            return crop(rgb, face);
        }
    }

    private static RgbImage crop(Mat rgb, Box face) {
        SquareRegion region = SquareRegion.around(face.x(), face.y(), face.x() + face.width(),
                face.y() + face.height(), 1.0);
        try (Mat square = region.warp(rgb, CROP)) {
            return new RgbImage(CROP, CROP, OpenCvImages.bytes(square));
        }
    }

    private static void write(float[] row, int o, FaceDetection f, Expression e, RgbImage image) {
        System.arraycopy(e.probabilities(), 0, row, o, GEOMETRY);
        row[o + GEOMETRY] = (f.x1() + f.x2()) / 2 / image.width();
        row[o + GEOMETRY + 1] = (f.y1() + f.y2()) / 2 / image.height();
        row[o + GEOMETRY + 2] = f.width() / image.width();
        row[o + GEOMETRY + 3] = f.height() / image.height();
        row[o + GEOMETRY + 4] = f.score();
    }

    @Override
    public void close() {
        try {
            detector.close();
        } finally {
            expressions.close();
        }
    }
}
