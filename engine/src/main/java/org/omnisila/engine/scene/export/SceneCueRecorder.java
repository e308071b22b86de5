package org.omnisila.engine.scene.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.scene.ActionExtractor.PosedPerson;
import org.omnisila.engine.scene.Boxes;
import org.omnisila.engine.scene.FaceExtractor.ExpressedFace;
import org.omnisila.engine.scene.ObjectExtractor;
import org.omnisila.engine.scene.Pose;
import org.omnisila.engine.scene.Relation;
import org.omnisila.engine.scene.SceneExtractors;
import org.omnisila.engine.scene.export.SceneCueFile.FaceCue;
import org.omnisila.engine.scene.export.SceneCueFile.FrameCues;
import org.omnisila.engine.scene.export.SceneCueFile.ObjectCue;
import org.omnisila.engine.scene.export.SceneCueFile.PersonCue;
import org.omnisila.engine.scene.export.SceneCueFile.SegmentCues;
import org.omnisila.engine.scene.export.SceneCueFile.TripleCue;
import org.omnisila.engine.video.FrameSink;
import org.omnisila.engine.video.SampledFrame;
import org.omnisila.engine.video.SegmentFrames;
import org.omnisila.engine.vision.Detection;
import org.omnisila.engine.vision.Expression;
import org.omnisila.engine.vision.ExpressionModel;

/**
 * Asks the extractors, segment by segment as the sampler delivers them, what they see on each frame (through
 * their per-frame accessors, so the cues are those the features are made of), keeps that as {@link SegmentCues}
 * and gives each frame's person mask to a {@link MaskSink} (PNG files, or kept in memory). The frames themselves
 * are dropped after each segment.
 */
public final class SceneCueRecorder implements FrameSink {

    private final SceneExtractors.Bundle extractors;
    private final MaskSink masks;
    private final List<SegmentCues> segments = new ArrayList<>();

    /**
     * @param extractors the four extractors (not closed here)
     * @param masks      where the person masks go ({@link MaskPng#into}), or null for none (the selfie model does
     *                   not run)
     */
    public SceneCueRecorder(SceneExtractors.Bundle extractors, MaskSink masks) {
        this.extractors = extractors;
        this.masks = masks;
    }

    @Override
    public void accept(SegmentFrames segment) {
        List<List<ExpressedFace>> faces = extractors.face().faces(segment);
        List<FrameCues> frames = new ArrayList<>();
        for (int k = 0; k < segment.frames().size(); k++) {
            SampledFrame frame = segment.frames().get(k);
            List<Detection> detections = extractors.object().detections(frame.image());
            String mask = masks == null ? null : mask(segment.segment().index(), k, frame);
            frames.add(new FrameCues(k, frame.targetTime(), frame.time(), faces(faces.get(k)),
                    persons(extractors.action().persons(frame)), objects(detections),
                    triples(ObjectExtractor.relations(detections)), mask));
        }
        segments.add(new SegmentCues(segment.segment().index(), segment.segment().start(), segment.segment().end(),
                frames));
    }

    private String mask(int segment, int k, SampledFrame frame) {
        try {
            return masks.accept(segment, k, extractors.background().personMask(frame.image()), frame.image().width(),
                    frame.image().height());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the mask of segment " + segment + ", frame " + k, e);
        }
    }

    /** @return the segments recorded so far, in order */
    public List<SegmentCues> segments() {
        return Collections.unmodifiableList(segments);
    }

    private static List<FaceCue> faces(List<ExpressedFace> faces) {
        List<FaceCue> out = new ArrayList<>();
        for (ExpressedFace f : faces) {
            Expression e = f.expression();
            Map<String, Float> p = new LinkedHashMap<>();
            for (String label : ExpressionModel.LABELS) {
                p.put(label, e.probability(label));
            }
            out.add(new FaceCue(readable(f.face().box()), f.face().score(), p, e.label()));
        }
        return out;
    }

    private static List<PersonCue> persons(List<PosedPerson> persons) {
        List<PersonCue> out = new ArrayList<>();
        for (PosedPerson p : persons) {
            Pose pose = p.pose();
            float[] x = pose.x();
            float[] y = pose.y();
            float[] v = pose.visibility();
            float[][] keypoints = new float[Pose.KEYPOINTS][];
            for (int k = 0; k < Pose.KEYPOINTS; k++) {
                keypoints[k] = new float[] {x[k], y[k], v[k]};
            }
            out.add(new PersonCue(box(p.box()), p.box().score(), pose.presence(), keypoints));
        }
        return out;
    }

    private static List<ObjectCue> objects(List<Detection> detections) {
        List<ObjectCue> out = new ArrayList<>();
        for (Detection d : detections) {
            out.add(new ObjectCue(d.label(), d.classIndex(), box(d), d.score()));
        }
        return out;
    }

    private static List<TripleCue> triples(List<Relation> relations) {
        List<TripleCue> out = new ArrayList<>();
        for (Relation r : relations) {
            out.add(new TripleCue(r.subject().label(), r.predicate().text(), r.object().label(), r.subjectIndex(),
                    r.objectIndex(), box(r.subject()), box(r.object())));
        }
        return out;
    }

    private static Box box(Detection d) {
        return readable(Boxes.of(d));
    }

    /** The box of float pixels with each value as its float's shortest decimal (63.7, not 63.70000076293945). */
    private static Box readable(Box b) {
        return new Box(shortest(b.x()), shortest(b.y()), shortest(b.width()), shortest(b.height()));
    }

    private static double shortest(double floatValue) {
        return Double.parseDouble(Float.toString((float) floatValue));
    }
}
