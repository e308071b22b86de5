package org.omnisila.engine.scene.export;

import java.util.List;
import java.util.Map;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.api.VideoInfo;
import org.omnisila.engine.video.SegmentPlan;

/**
 * The root of {@code cues.json} (docs/formats.md, "Scene cues"). Times are seconds from the start of the file;
 * boxes and keypoints are pixels of the source frame as shown (after the display rotation), origin top-left.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param video         the video, as in the result JSON
 * @param plan          how it was cut: segment length (seconds) and frames per segment
 * @param faceDetector  the face detector that ran, e.g. {@code BlazeFace short range} (the Haar cascade when
 *                      BlazeFace could not load)
 * @param segments      the segments decoded, in order (a segment in a damaged stretch is missing: see warnings)
 * @param warnings      what decoding went past (damaged stretches, skipped segments), in time order
 */
public record SceneCueFile(int schemaVersion, VideoInfo video, SegmentPlan plan, String faceDetector,
                           List<SegmentCues> segments, List<String> warnings) {

    /** Bump when a field is added, removed, renamed or changes meaning (readers reject unknown fields). */
    public static final int SCHEMA_VERSION = 1;

    public SceneCueFile {
        segments = List.copyOf(segments);
        warnings = List.copyOf(warnings);
    }

    /**
     * One segment of the plan.
     *
     * @param index  its place in the plan, from 0
     * @param start  seconds
     * @param end    seconds
     * @param frames its sampled frames, in order
     */
    public record SegmentCues(int index, double start, double end, List<FrameCues> frames) {
        public SegmentCues {
            frames = List.copyOf(frames);
        }
    }

    /**
     * One sampled frame and what the extractors saw on it.
     *
     * @param index      its place in the segment, from 0
     * @param targetTime the time the plan asked for
     * @param time       the decoded frame's own time (the frame nearest the target)
     * @param faces      the face slots: up to 4 largest faces, largest first
     * @param persons    the action slots: up to 2 largest persons, largest first, with their poses
     * @param objects    CenterNet's kept detections (up to 10, best first; the first 6 fill the object slots)
     * @param triples    relation triples among {@code objects}
     * @param mask       the person mask, relative to the output directory (e.g. {@code masks/seg0003_f5.png}),
     *                   or null when masks were not written
     */
    public record FrameCues(int index, double targetTime, double time, List<FaceCue> faces, List<PersonCue> persons,
                            List<ObjectCue> objects, List<TripleCue> triples, String mask) {
        public FrameCues {
            faces = List.copyOf(faces);
            persons = List.copyOf(persons);
            objects = List.copyOf(objects);
            triples = List.copyOf(triples);
        }
    }

    /**
     * A face.
     *
     * @param box         the detector's box
     * @param score       the detector's score, 0..1
     * @param expressions the 7 expression probabilities, summing to 1, in the order angry, disgust, fear, happy,
     *                    sad, surprise, neutral
     * @param expression  the most likely of them
     */
    public record FaceCue(Box box, float score, Map<String, Float> expressions, String expression) {
    }

    /**
     * A person.
     *
     * @param box       CenterNet's person box
     * @param score     CenterNet's score, 0..1
     * @param presence  the pose model's pose flag, 0..1
     * @param keypoints the 33 BlazePose body keypoints in BlazePose order (0 nose, 11/12 shoulders, 15/16 wrists,
     *                  23/24 hips, 27/28 ankles, ...), each {@code [x, y, visibility]}, visibility 0..1
     */
    public record PersonCue(Box box, float score, float presence, float[][] keypoints) {
    }

    /**
     * An object.
     *
     * @param label      the COCO class name, e.g. {@code person}, {@code knife}
     * @param classIndex the COCO class index, 0..79
     * @param box        its box
     * @param score      CenterNet's score, 0..1
     */
    public record ObjectCue(String label, int classIndex, Box box, float score) {
    }

    /**
     * A (subject, predicate, object) triple.
     *
     * @param subject      the subject's class name
     * @param predicate    riding, holding, on, in front of, touching or near
     * @param object       the object's class name
     * @param subjectIndex the subject's index in the frame's {@code objects}
     * @param objectIndex  the object's index in the frame's {@code objects}
     * @param subjectBox   the subject's box
     * @param objectBox    the object's box
     */
    public record TripleCue(String subject, String predicate, String object, int subjectIndex, int objectIndex,
                            Box subjectBox, Box objectBox) {
    }
}
