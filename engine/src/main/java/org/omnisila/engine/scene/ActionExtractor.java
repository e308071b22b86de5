package org.omnisila.engine.scene;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.SceneFeatures.SlotCue;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SampledFrame;
import org.omnisila.engine.video.SegmentFrames;
import org.omnisila.engine.vision.Detection;

/**
 * x_a, the human-action scene: per frame the {@link #PERSONS} largest persons CenterNet finds (through a
 * {@link ObjectPass} shared with the object and background extractors), each posed by {@link PoseLandmarker} on a
 * square crop. A slot holds {@link #SLOT} values (docs/model.md, "Scene-Enriched Modeling"):
 *
 * <pre>
 *   0..98     33 keypoints x (x / frame width, y / frame height, visibility)
 *   99..163   heatmap code: 13 main joints x (peak, 2x2 quadrant means), see {@link PoseHeatmaps}
 *   164..229  33 keypoints x (vx, vy): velocity since the previous sampled frame, frame widths (heights)
 *             per second; zero on the first frame, when the person was not matched, or when no time passed
 *   230..233  box centre x / width, centre y / height, box width / width, box height / height
 *   234       CenterNet's person score
 *   235       the pose model's pose flag
 * </pre>
 *
 * Width {@code PERSONS * SLOT} = 472. A person is matched to the previous frame's person of greatest box IoU
 * (at least {@link #MATCH_IOU}).
 */
public final class ActionExtractor implements SceneExtractor {

    /** Person slots per frame. */
    public static final int PERSONS = 2;
    /** Offset of the heatmap code in a slot. */
    public static final int HEATMAPS = Pose.KEYPOINTS * 3;
    /** Offset of the velocities in a slot. */
    public static final int MOTION = HEATMAPS + PoseHeatmaps.WIDTH;
    /** Offset of the box geometry, scores after it. */
    public static final int GEOMETRY = MOTION + Pose.KEYPOINTS * 2;
    /** Values per person slot. */
    public static final int SLOT = GEOMETRY + 6;
    /** Box IoU a person needs with one of the previous frame to count as the same person. */
    public static final float MATCH_IOU = 0.3f;

    private final ObjectPass objects;
    private final PoseLandmarker poses;

    /**
     * A person in a slot, with its pose.
     *
     * @param box  CenterNet's person detection, source-frame pixels
     * @param pose the pose model's keypoints on a square crop around it, source-frame pixels
     */
    public record PosedPerson(Detection box, Pose pose) {
    }

    /**
     * @param objects the CenterNet pass, shared with the object and background extractors so that it runs once
     *                per frame; this extractor takes one share of it (see {@link ObjectPass#share})
     * @param poses   the pose model; closed with this extractor
     */
    public ActionExtractor(ObjectPass objects, PoseLandmarker poses) {
        this.objects = objects.share();
        this.poses = poses;
    }

    /** @return an extractor with its own CenterNet pass and the bundled pose model */
    public static ActionExtractor load(Device device) {
        try (ObjectPass own = ObjectPass.open(device, new ModelFiles())) {
            return new ActionExtractor(own, PoseLandmarker.load());
        }
    }

    @Override
    public Scene scene() {
        return Scene.ACTION;
    }

    @Override
    public String version() {
        return "action/1 centernet persons + pose_landmark_lite heatmaps + motion";
    }

    @Override
    public int width() {
        return PERSONS * SLOT;
    }

    @Override
    public int slots() {
        return PERSONS;
    }

    @Override
    public SceneFeatures extract(SegmentFrames segment) {
        List<SampledFrame> frames = segment.frames();
        float[][] values = new float[frames.size()][width()];
        List<List<SlotCue>> cues = new ArrayList<>();
        List<PosedPerson> previous = List.of();
        double previousTime = Double.NaN;
        for (int t = 0; t < frames.size(); t++) {
            SampledFrame frame = frames.get(t);
            List<PosedPerson> persons = persons(frame);
            double dt = frame.time() - previousTime;
            SlotCue[] frameCues = new SlotCue[PERSONS];
            for (int k = 0; k < persons.size(); k++) {
                PosedPerson p = persons.get(k);
                PosedPerson before = dt > 0 ? match(p, previous) : null;
                double hipSpeed = write(values[t], k * SLOT, p, before, dt, frame.image());
                Detection b = p.box();
                frameCues[k] = new SlotCue(ActionDescriber.describe(k + 1, p.pose(), hipSpeed, b.y2() - b.y1()),
                        new Box(b.x1(), b.y1(), Math.max(b.x2() - b.x1(), 1e-3), Math.max(b.y2() - b.y1(), 1e-3)));
            }
            cues.add(Arrays.asList(frameCues));
            previous = persons;
            previousTime = frame.time();
        }
        return new SceneFeatures(values, cues);
    }

    /**
     * What a frame's slots hold ({@link #extract} encodes exactly these).
     *
     * @param frame a frame
     * @return its {@link #PERSONS} largest persons (at least 4 pixels each way), largest first, posed
     */
    public List<PosedPerson> persons(SampledFrame frame) {
        List<Detection> boxes = new ArrayList<>();
        for (Detection d : objects.analyse(frame.image()).detections()) {
            if (d.label().equals("person") && d.x2() - d.x1() >= 4 && d.y2() - d.y1() >= 4) {
                boxes.add(d);
            }
        }
        boxes.sort((a, b) -> Float.compare(b.area(), a.area()));
        List<PosedPerson> out = new ArrayList<>();
        if (boxes.isEmpty()) {
            return out;
        }
        try (Mat rgb = OpenCvImages.toMat(frame.image())) {
            for (Detection d : boxes.subList(0, Math.min(PERSONS, boxes.size()))) {
                out.add(new PosedPerson(d, poses.estimate(rgb, d.x1(), d.y1(), d.x2(), d.y2())));
            }
        }
        return out;
    }

    private static PosedPerson match(PosedPerson p, List<PosedPerson> previous) {
        PosedPerson best = null;
        float bestIou = MATCH_IOU;
        for (PosedPerson q : previous) {
            float iou = p.box().iou(q.box());
            if (iou >= bestIou) {
                best = q;
                bestIou = iou;
            }
        }
        return best;
    }

    /** Writes one slot; returns the hips' speed in pixels per second (NaN without a match). */
    private static double write(float[] row, int o, PosedPerson p, PosedPerson before, double dt, RgbImage image) {
        float w = image.width();
        float h = image.height();
        float[] x = p.pose().x();
        float[] y = p.pose().y();
        float[] v = p.pose().visibility();
        for (int k = 0; k < Pose.KEYPOINTS; k++) {
            row[o + 3 * k] = x[k] / w;
            row[o + 3 * k + 1] = y[k] / h;
            row[o + 3 * k + 2] = v[k];
        }
        System.arraycopy(p.pose().heatmap(), 0, row, o + HEATMAPS, PoseHeatmaps.WIDTH);
        double hipSpeed = Double.NaN;
        if (before != null) {
            float[] px = before.pose().x();
            float[] py = before.pose().y();
            for (int k = 0; k < Pose.KEYPOINTS; k++) {
                row[o + MOTION + 2 * k] = (float) ((x[k] - px[k]) / w / dt);
                row[o + MOTION + 2 * k + 1] = (float) ((y[k] - py[k]) / h / dt);
            }
            double hx = (x[Pose.LEFT_HIP] + x[Pose.RIGHT_HIP] - px[Pose.LEFT_HIP] - px[Pose.RIGHT_HIP]) / 2;
            double hy = (y[Pose.LEFT_HIP] + y[Pose.RIGHT_HIP] - py[Pose.LEFT_HIP] - py[Pose.RIGHT_HIP]) / 2;
            hipSpeed = Math.hypot(hx, hy) / dt;
        }
        Detection b = p.box();
        row[o + GEOMETRY] = (b.x1() + b.x2()) / 2 / w;
        row[o + GEOMETRY + 1] = (b.y1() + b.y2()) / 2 / h;
        row[o + GEOMETRY + 2] = (b.x2() - b.x1()) / w;
        row[o + GEOMETRY + 3] = (b.y2() - b.y1()) / h;
        row[o + GEOMETRY + 4] = b.score();
        row[o + GEOMETRY + 5] = p.pose().presence();
        return hipSpeed;
    }

    @Override
    public void close() {
        try {
            poses.close();
        } finally {
            objects.close();
        }
    }
}
