package org.omnisila.engine.scene;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.SceneFeatures.SlotCue;
import org.omnisila.engine.vision.Detection;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SampledFrame;
import org.omnisila.engine.video.SegmentFrames;

/**
 * x_o, the object scene (paper section 3.1; RelTR's role): per frame the {@link #SLOTS} best CenterNet detections,
 * one slot each, encoded by {@link ObjectSlots} ({@link ObjectSlots#WIDTH} values) with the counts of the geometric
 * relations ({@link RelationRules}) they take part in. Relations are derived among all kept detections (up to 10),
 * so an object's counts include partners beyond the slots.
 *
 * <p>A slot's cue is its object's strongest relation, as subject if it has one, else as object (e.g.
 * {@code "person holding knife"}, box: the union of both boxes), else its class name with its own box.
 */
public final class ObjectExtractor implements SceneExtractor {

    /** Objects per frame. */
    public static final int SLOTS = 6;

    private final ObjectPass pass;

    /**
     * @param pass the shared CenterNet pass; this extractor takes one share of it (see {@link ObjectPass#share})
     */
    public ObjectExtractor(ObjectPass pass) {
        this.pass = pass.share();
    }

    /**
     * @param device where CenterNet runs
     * @param files  where the bundled model files are verified and put
     * @return an extractor with its own CenterNet pass
     */
    public static ObjectExtractor open(Device device, ModelFiles files) {
        try (ObjectPass own = ObjectPass.open(device, files)) {
            return new ObjectExtractor(own);
        }
    }

    @Override
    public Scene scene() {
        return Scene.OBJECT;
    }

    @Override
    public String version() {
        return "object/1 centernet 80 coco + relation rules";
    }

    @Override
    public int width() {
        return SLOTS * ObjectSlots.WIDTH;
    }

    @Override
    public int slots() {
        return SLOTS;
    }

    @Override
    public SceneFeatures extract(SegmentFrames segment) {
        float[][] values = new float[segment.frames().size()][];
        List<List<SlotCue>> cues = new ArrayList<>();
        for (int t = 0; t < values.length; t++) {
            SampledFrame frame = segment.frames().get(t);
            values[t] = new float[width()];
            cues.add(encode(detections(frame.image()), frame.image(), values[t]));
        }
        return new SceneFeatures(values, cues);
    }

    /**
     * @param frame a frame
     * @return CenterNet's kept detections on it (up to 10), best first, source-frame pixels; the first
     *     {@link #SLOTS} fill the slots
     */
    public List<Detection> detections(RgbImage frame) {
        return pass.analyse(frame).detections();
    }

    /**
     * @param detections a frame's detections, best first ({@link #detections})
     * @return the relation triples among them that the slots count and the cues name
     */
    public static List<Relation> relations(List<Detection> detections) {
        return RelationRules.derive(detections);
    }

    /**
     * Fills one frame's row.
     *
     * @param detections the frame's detections, best first
     * @param image      the frame (for its size)
     * @param row        [width()] zeros, filled here
     * @return the cue of each slot, null for an empty one
     */
    static List<SlotCue> encode(List<Detection> detections, RgbImage image, float[] row) {
        List<Relation> relations = relations(detections);
        List<SlotCue> cues = new ArrayList<>();
        for (int k = 0; k < SLOTS; k++) {
            if (k >= detections.size()) {
                cues.add(null);
                continue;
            }
            ObjectSlots.encode(detections, k, relations, image.width(), image.height(), row, k * ObjectSlots.WIDTH);
            cues.add(cue(detections.get(k), k, relations));
        }
        return cues;
    }

    private static SlotCue cue(Detection d, int index, List<Relation> relations) {
        Comparator<Relation> strongest = Comparator.comparingInt(r -> r.predicate().ordinal());
        Relation best = relations.stream().filter(r -> r.subjectIndex() == index).min(strongest)
                .or(() -> relations.stream().filter(r -> r.objectIndex() == index).min(strongest)).orElse(null);
        return best != null ? new SlotCue(best.text(), best.unionBox()) : new SlotCue(d.label(), Boxes.of(d));
    }

    @Override
    public void close() {
        pass.close();
    }
}
