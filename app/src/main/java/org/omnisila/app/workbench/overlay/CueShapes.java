package org.omnisila.app.workbench.overlay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.omnisila.app.workbench.player.OverlayBox;
import org.omnisila.app.workbench.player.OverlayKind;
import org.omnisila.app.workbench.player.OverlayLine;
import org.omnisila.app.workbench.player.OverlayMask;
import org.omnisila.app.workbench.player.OverlayShape;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.scene.MediaPipePoseConnections;
import org.omnisila.engine.scene.MediaPipePoseConnections.Bone;
import org.omnisila.engine.scene.export.PersonMask;
import org.omnisila.engine.scene.export.SceneCueFile.FaceCue;
import org.omnisila.engine.scene.export.SceneCueFile.FrameCues;
import org.omnisila.engine.scene.export.SceneCueFile.ObjectCue;
import org.omnisila.engine.scene.export.SceneCueFile.PersonCue;
import org.omnisila.engine.scene.export.SceneCueFile.TripleCue;

/**
 * What a sampled frame's cues look like over the video, each kind in its {@link OverlayKind}:
 *
 * <ul>
 *   <li>{@link OverlayKind#MASK}: the person mask, first (it is drawn under the rest).</li>
 *   <li>{@link OverlayKind#FACE}: the box, labelled with the top expression and its probability
 *       ({@code happy 0.92}).</li>
 *   <li>{@link OverlayKind#POSE}: the person box labelled {@code person}; a line for each bone of MediaPipe's
 *       skeleton ({@link MediaPipePoseConnections#POSE_CONNECTIONS}) whose two keypoints are visible; a square of
 *       {@value #KEYPOINT} source pixels on each visible keypoint. Visible: visibility &gt;= {@value #VISIBLE} and a
 *       finite position.</li>
 *   <li>{@link OverlayKind#OBJECT}: the box labelled with its class, and the subject of each relation triple with
 *       the triple ({@code person holding cup}; several joined by commas).</li>
 * </ul>
 */
public final class CueShapes {
    /** Keypoints at least this visible are drawn. */
    public static final double VISIBLE = 0.5;
    /** A keypoint's square, source pixels. */
    public static final double KEYPOINT = 4;

    private CueShapes() {
    }

    /**
     * @param sample a sampled frame's cues and mask
     * @param shown  the kinds to draw (others are left out)
     * @return its shapes: mask, faces, poses, objects
     */
    public static List<OverlayShape> of(CueTrack.Sample sample, Set<OverlayKind> shown) {
        List<OverlayShape> out = new ArrayList<>();
        FrameCues frame = sample.cues();
        if (shown.contains(OverlayKind.MASK) && sample.mask() != null) {
            out.add(new OverlayMask(PersonMask.SIDE, PersonMask.SIDE, sample.mask().values()));
        }
        if (shown.contains(OverlayKind.FACE)) {
            for (FaceCue f : frame.faces()) {
                Float p = f.expressions().get(f.expression());
                out.add(box(f.box(), p == null ? f.expression()
                        : String.format(Locale.ROOT, "%s %.2f", f.expression(), p), OverlayKind.FACE));
            }
        }
        if (shown.contains(OverlayKind.POSE)) {
            frame.persons().forEach(p -> out.addAll(pose(p)));
        }
        if (shown.contains(OverlayKind.OBJECT)) {
            out.addAll(objects(frame));
        }
        return out;
    }

    /** @return a person's box, then its bones in MediaPipe's order, then its joints in keypoint order */
    public static List<OverlayShape> pose(PersonCue person) {
        List<OverlayShape> out = new ArrayList<>();
        out.add(box(person.box(), "person", OverlayKind.POSE));
        float[][] k = person.keypoints();
        for (Bone b : MediaPipePoseConnections.POSE_CONNECTIONS) {
            if (visible(k, b.from()) && visible(k, b.to())) {
                out.add(new OverlayLine(k[b.from()][0], k[b.from()][1], k[b.to()][0], k[b.to()][1],
                        OverlayKind.POSE));
            }
        }
        for (int i = 0; i < k.length; i++) {
            if (visible(k, i)) {
                out.add(new OverlayBox(k[i][0] - KEYPOINT / 2, k[i][1] - KEYPOINT / 2, KEYPOINT, KEYPOINT, "",
                        OverlayKind.POSE));
            }
        }
        return out;
    }

    private static List<OverlayShape> objects(FrameCues frame) {
        Map<Integer, List<String>> relations = new LinkedHashMap<>();
        for (TripleCue t : frame.triples()) {
            relations.computeIfAbsent(t.subjectIndex(), i -> new ArrayList<>()).add(t.predicate() + " "
                    + t.object());
        }
        List<OverlayShape> out = new ArrayList<>();
        for (int i = 0; i < frame.objects().size(); i++) {
            ObjectCue o = frame.objects().get(i);
            List<String> r = relations.get(i);
            out.add(box(o.box(), r == null ? o.label() : o.label() + " " + String.join(", ", r),
                    OverlayKind.OBJECT));
        }
        return out;
    }

    private static boolean visible(float[][] keypoints, int i) {
        if (i >= keypoints.length) {
            return false;
        }
        float[] k = keypoints[i];
        return k.length >= 3 && k[2] >= VISIBLE && Float.isFinite(k[0]) && Float.isFinite(k[1]);
    }

    private static OverlayBox box(Box b, String label, OverlayKind kind) {
        return new OverlayBox(b.x(), b.y(), Math.max(0, b.width()), Math.max(0, b.height()), label, kind);
    }
}
