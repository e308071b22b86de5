package org.omnisila.engine.scene;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.omnisila.engine.vision.Detection;

/**
 * Relation triples from box geometry alone (the paper's RelTR has no weights here, see shared/models.md). Each
 * predicate is one small rule over two boxes in pixels; the thresholds are the constants below, as fractions of
 * the boxes' own sizes so that they hold at any resolution.
 *
 * <p>{@link #derive} reports at most one relation per unordered pair of detections: the first {@link Predicate}
 * (precedence order) that holds in either direction. Symmetric predicates (near, touching) are reported with the
 * better-scored (earlier) detection as subject.
 *
 * <p>Holding needs hands. Without pose keypoints a person's hand regions are the sides of the person box at arm
 * height ({@link #handRegions(Detection)}); with wrist keypoints (the action extractor's pose) they are squares
 * around the wrists ({@link #handRegions(Detection, float[][])}).
 */
public final class RelationRules {

    /** COCO class index of a person. */
    public static final int PERSON = 0;

    /** What a person can ride: bicycle, motorcycle, horse (COCO class indices). */
    public static final Set<Integer> RIDEABLE = Set.of(1, 3, 17);

    /**
     * What nobody holds in a hand (COCO class indices): vehicles, street furniture, large animals, furniture,
     * appliances, tv. Everything else that is not a person is holdable when small enough.
     */
    public static final Set<Integer> NOT_HOLDABLE = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 17, 19, 20,
            21, 22, 23, 56, 57, 59, 60, 61, 62, 68, 69, 71, 72);

    /** Touching: the gap between the boxes is at most this fraction of the pair's scale (0 when they overlap). */
    public static final float TOUCH_GAP = 0.05f;

    /** Near: the gap is at most this fraction of the pair's scale (and more than {@link #TOUCH_GAP}). */
    public static final float NEAR_GAP = 0.5f;

    /** On: the subject's bottom edge lies within this top fraction of the object's height ... */
    public static final float ON_TOP_PART = 0.35f;

    /** ... or at most this fraction of the object's height above its top edge. */
    public static final float ON_ABOVE = 0.1f;

    /** In front of: the intersection is at least this fraction of the smaller box's area ... */
    public static final float FRONT_OVERLAP = 0.1f;

    /** ... and the subject's bottom edge is lower by at least this fraction of the taller box's height ... */
    public static final float FRONT_LOWER = 0.05f;

    /** ... or about as low (within that margin) and at least this many times larger in area. */
    public static final float FRONT_LARGER = 1.5f;

    /** Riding: the intersection is at least this fraction of the ridden box's area ... */
    public static final float RIDE_OVERLAP = 0.3f;

    /** ... and the person's bottom edge reaches at least this fraction of the ridden box's height below its top. */
    public static final float RIDE_LOW = 0.2f;

    /** Holding: a holdable object's area is at most this fraction of the person's. */
    public static final float HOLD_MAX_AREA = 0.5f;

    /** Holding: the intersection with a hand region is at least this fraction of the smaller of the two areas. */
    public static final float HOLD_COVER = 0.3f;

    /** Hand regions without wrists: this band of the person's height, from the top (arm height) ... */
    public static final float HAND_TOP = 0.25f;

    /** ... down to this fraction of the height. */
    public static final float HAND_BOTTOM = 0.75f;

    /** ... each side region reaches this fraction of the person's width inwards from its side edge ... */
    public static final float HAND_INNER = 0.35f;

    /** ... and this fraction of the width outwards (an arm held out). */
    public static final float HAND_OUTER = 0.25f;

    /** Hand regions from wrists: a square of half-side this fraction of the person's height around each wrist. */
    public static final float WRIST_HALF_SIDE = 0.08f;

    private RelationRules() {
    }

    /** @return the relations of a frame's detections, without wrist keypoints */
    public static List<Relation> derive(List<Detection> detections) {
        return derive(detections, Map.of());
    }

    /**
     * @param detections a frame's detections, best first (as {@code ObjectDetector.detect} gives them)
     * @param wrists     for a person's index in {@code detections}, its wrist keypoints [k][2] (x, y in the same
     *                   pixels); persons not in the map get box-based hand regions
     * @return at most one relation per pair of detections, in pair order (i &lt; j)
     */
    public static List<Relation> derive(List<Detection> detections, Map<Integer, float[][]> wrists) {
        List<Relation> out = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            for (int j = i + 1; j < detections.size(); j++) {
                Relation r = relate(detections, i, j, wrists);
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static Relation relate(List<Detection> d, int i, int j, Map<Integer, float[][]> wrists) {
        for (Predicate p : Predicate.values()) {
            if (holds(p, d.get(i), d.get(j), wrists.get(i))) {
                return new Relation(i, p, j, d.get(i), d.get(j));
            }
            if (!p.symmetric() && holds(p, d.get(j), d.get(i), wrists.get(j))) {
                return new Relation(j, p, i, d.get(j), d.get(i));
            }
        }
        return null;
    }

    /**
     * @param p       the predicate
     * @param subject the subject's box
     * @param object  the object's box
     * @param wrists  the subject's wrists [k][2], or null
     * @return whether (subject, p, object) holds
     */
    public static boolean holds(Predicate p, Detection subject, Detection object, float[][] wrists) {
        return switch (p) {
            case RIDING -> riding(subject, object);
            case HOLDING -> holding(subject, object, wrists == null ? handRegions(subject)
                    : handRegions(subject, wrists));
            case ON -> on(subject, object);
            case IN_FRONT_OF -> inFrontOf(subject, object);
            case TOUCHING -> touching(subject, object);
            case NEAR -> near(subject, object);
        };
    }

    /** A person whose box covers the top of a bicycle, motorcycle or horse and reaches well into it. */
    public static boolean riding(Detection person, Detection ridden) {
        if (person.classIndex() != PERSON || !RIDEABLE.contains(ridden.classIndex()) || ridden.area() <= 0) {
            return false;
        }
        float h = ridden.y2() - ridden.y1();
        return centreX(person) >= ridden.x1() && centreX(person) <= ridden.x2()
                && person.y1() < ridden.y1()
                && person.y2() >= ridden.y1() + RIDE_LOW * h
                && intersection(person, ridden) >= RIDE_OVERLAP * ridden.area();
    }

    /**
     * A person holds an object when the object is holdable, small enough, and covers a hand region (or lies in
     * it) by {@link #HOLD_COVER}.
     *
     * @param hands the person's hand regions, each {x1, y1, x2, y2}
     */
    public static boolean holding(Detection person, Detection object, List<float[]> hands) {
        if (person.classIndex() != PERSON || object.classIndex() == PERSON
                || NOT_HOLDABLE.contains(object.classIndex())
                || object.area() <= 0 || object.area() > HOLD_MAX_AREA * person.area()) {
            return false;
        }
        for (float[] hand : hands) {
            float handArea = (hand[2] - hand[0]) * (hand[3] - hand[1]);
            float inter = overlap(object.x1(), object.x2(), hand[0], hand[2])
                    * overlap(object.y1(), object.y2(), hand[1], hand[3]);
            if (inter > 0 && inter >= HOLD_COVER * Math.min(object.area(), handArea)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hand regions without pose: the left and right sides of the person box at arm height, reaching
     * {@link #HAND_INNER} of its width inwards and {@link #HAND_OUTER} outwards, from {@link #HAND_TOP} to
     * {@link #HAND_BOTTOM} of its height.
     *
     * @return two regions {x1, y1, x2, y2}: left, right
     */
    public static List<float[]> handRegions(Detection person) {
        float w = person.x2() - person.x1();
        float h = person.y2() - person.y1();
        float top = person.y1() + HAND_TOP * h;
        float bottom = person.y1() + HAND_BOTTOM * h;
        return List.of(
                new float[] {person.x1() - HAND_OUTER * w, top, person.x1() + HAND_INNER * w, bottom},
                new float[] {person.x2() - HAND_INNER * w, top, person.x2() + HAND_OUTER * w, bottom});
    }

    /**
     * Hand regions from pose: a square of half-side {@link #WRIST_HALF_SIDE} x the person's height around each
     * wrist.
     *
     * @param wrists [k][2] wrist points (x, y) in pixels
     * @return one region {x1, y1, x2, y2} per wrist
     */
    public static List<float[]> handRegions(Detection person, float[][] wrists) {
        float half = WRIST_HALF_SIDE * (person.y2() - person.y1());
        List<float[]> out = new ArrayList<>();
        for (float[] w : wrists) {
            if (w.length != 2) {
                throw new IllegalArgumentException("a wrist is [x, y], got " + w.length + " values");
            }
            out.add(new float[] {w[0] - half, w[1] - half, w[0] + half, w[1] + half});
        }
        return out;
    }

    /**
     * The subject stands on the object: its horizontal centre over the object, its bottom edge in the object's top
     * {@link #ON_TOP_PART} (or up to {@link #ON_ABOVE} above it), and its top edge above the object's top.
     */
    public static boolean on(Detection subject, Detection object) {
        float h = object.y2() - object.y1();
        return h > 0 && centreX(subject) >= object.x1() && centreX(subject) <= object.x2()
                && subject.y1() < object.y1()
                && subject.y2() >= object.y1() - ON_ABOVE * h
                && subject.y2() <= object.y1() + ON_TOP_PART * h;
    }

    /**
     * The subject is in front of the object: they overlap by {@link #FRONT_OVERLAP} of the smaller box, and the
     * subject's bottom edge is lower (nearer the camera on a ground plane) by {@link #FRONT_LOWER} of the taller
     * height, or about as low and {@link #FRONT_LARGER} times larger.
     */
    public static boolean inFrontOf(Detection subject, Detection object) {
        float smaller = Math.min(subject.area(), object.area());
        if (smaller <= 0 || intersection(subject, object) < FRONT_OVERLAP * smaller) {
            return false;
        }
        float margin = FRONT_LOWER * Math.max(subject.y2() - subject.y1(), object.y2() - object.y1());
        float lower = subject.y2() - object.y2();
        return lower >= margin || Math.abs(lower) < margin && subject.area() >= FRONT_LARGER * object.area();
    }

    /** The boxes overlap or their gap is at most {@link #TOUCH_GAP} of the pair's {@link #scale}. */
    public static boolean touching(Detection a, Detection b) {
        return gap(a, b) <= TOUCH_GAP * scale(a, b);
    }

    /** The gap is more than touching and at most {@link #NEAR_GAP} of the pair's {@link #scale}. */
    public static boolean near(Detection a, Detection b) {
        float gap = gap(a, b);
        float s = scale(a, b);
        return gap > TOUCH_GAP * s && gap <= NEAR_GAP * s;
    }

    /** @return the shortest distance between the two boxes in pixels, 0 when they overlap */
    public static float gap(Detection a, Detection b) {
        float gx = Math.max(0, Math.max(a.x1() - b.x2(), b.x1() - a.x2()));
        float gy = Math.max(0, Math.max(a.y1() - b.y2(), b.y1() - a.y2()));
        return (float) Math.hypot(gx, gy);
    }

    /** @return the pair's size in pixels: the mean of the square roots of the two areas */
    public static float scale(Detection a, Detection b) {
        return (float) (Math.sqrt(a.area()) + Math.sqrt(b.area())) / 2;
    }

    /** @return the area the two boxes share, pixels */
    public static float intersection(Detection a, Detection b) {
        return overlap(a.x1(), a.x2(), b.x1(), b.x2()) * overlap(a.y1(), a.y2(), b.y1(), b.y2());
    }

    private static float overlap(float a1, float a2, float b1, float b2) {
        return Math.max(0, Math.min(a2, b2) - Math.max(a1, b1));
    }

    private static float centreX(Detection d) {
        return (d.x1() + d.x2()) / 2;
    }
}
