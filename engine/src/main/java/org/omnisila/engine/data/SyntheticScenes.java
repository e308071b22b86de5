package org.omnisila.engine.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.omnisila.engine.api.SentimentLabels;

/**
 * A synthetic scene-feature benchmark built so that the paper's premises can be tested (docs/model.md,
 * "Synthetic benchmark"): implicit scenes decide the label, the explicit one (face) is often misleading,
 * which implicit scene carries the evidence depends on the class (so routing matters), and a confounder shared
 * across samples correlates with the class in the training split only (so shortcuts hurt on the test split).
 *
 * <p>Rules, per video: 2-second segments, 8 to 20 of them; with probability {@code noEventRate} no event
 * (every segment Normal), otherwise one crime class c and 1-2 events of 2-5 segments. Per segment and frame,
 * each scene's features are N(0, 1) noise plus:
 * <ul>
 *   <li>face: a negative-valence prototype in event segments, replaced by the positive one with probability
 *   {@code misleadingFaceRate} (a laughing face during a fight); in Normal segments positive (50%), negative
 *   (15%) or none;</li>
 *   <li>action, object, background: class c's prototype in its primary scene (c mod 3) always, in the other two
 *   with probability 0.3 each, at amplitude {@code signal}; Normal segments carry a weak Normal prototype;</li>
 *   <li>every scene: the video's confounder vector at amplitude {@code confounder}; in the training split the
 *   confounder is class c's own (c mod confounders) with probability {@code confounderBias}, otherwise uniform;
 *   in the test split always uniform.</li>
 * </ul>
 * Event boundaries are jittered by up to 0.3 s; a segment takes the event's label when the event covers at
 * least half of it. Everything follows from the seed.
 */
public final class SyntheticScenes {
    /** Settings; {@link #defaults(int, long)} gives the documented ones. */
    public record Settings(int videos, long seed, List<Integer> sceneWidths, int frames, double segmentSeconds,
                           double testFraction, double noEventRate, double misleadingFaceRate, double signal,
                           int confounders, double confounder, double confounderBias) {
        public Settings {
            if (videos < 1 || frames < 1 || !(segmentSeconds > 0) || confounders < 1) {
                throw new IllegalArgumentException("videos, frames, confounders >= 1 and segmentSeconds > 0 needed");
            }
            sceneWidths = List.copyOf(sceneWidths);
        }
    }

    /** Every data set this generator writes is named with this prefix and its seed. */
    public static final String NAME_PREFIX = "synthetic-seed";

    /**
     * The scene whose features always carry a crime class's prototype (its "primary scene"): 1 action, 2 object
     * or 3 background, by the generator's rule (class index in {@link SentimentLabels#IMPLICIT} mod 3) + 1.
     *
     * @throws IllegalArgumentException for Normal or a label outside the implicit set
     */
    public static int primaryScene(String label) {
        int c = SentimentLabels.IMPLICIT.indexOf(label);
        if (c < 0 || "Normal".equals(label)) {
            throw new IllegalArgumentException("no primary scene for " + label + ": not a crime class");
        }
        return c % 3 + 1;
    }

    public static Settings defaults(int videos, long seed) {
        return new Settings(videos, seed, List.of(64, 96, 48, 32), 8, 2.0, 0.25, 0.2, 0.3, 1.0, 4, 0.5, 0.8);
    }

    private SyntheticScenes() {
    }

    public static SceneDataset generate(Settings s) {
        Random rnd = new Random(s.seed());
        List<String> labels = SentimentLabels.IMPLICIT;
        int normal = labels.indexOf("Normal");
        int classes = labels.size();
        // Prototypes and confounders: random directions of norm 3 ([scene][class] and [scene][k]), so that one
        // frame's evidence along a prototype stands 3 noise standard deviations out.
        float[][][] proto = new float[4][classes][];
        float[][][] conf = new float[4][s.confounders()][];
        for (int j = 0; j < 4; j++) {
            for (int c = 0; c < classes; c++) {
                proto[j][c] = unit(rnd, s.sceneWidths().get(j));
            }
            for (int k = 0; k < s.confounders(); k++) {
                conf[j][k] = unit(rnd, s.sceneWidths().get(j));
            }
        }
        float[] facePositive = unit(rnd, s.sceneWidths().get(0));
        float[] faceNegative = unit(rnd, s.sceneWidths().get(0));

        List<SceneVideo> videos = new ArrayList<>();
        for (int v = 0; v < s.videos(); v++) {
            boolean test = rnd.nextDouble() < s.testFraction();
            int n = 8 + rnd.nextInt(13);
            double duration = n * s.segmentSeconds();
            boolean hasEvent = rnd.nextDouble() >= s.noEventRate();
            int cls = hasEvent ? pickCrime(rnd, classes, normal) : normal;
            List<SceneVideo.Event> events = hasEvent ? events(rnd, n, s.segmentSeconds(), labels.get(cls))
                    : List.of();
            int confounder = !test && hasEvent && rnd.nextDouble() < s.confounderBias()
                    ? cls % s.confounders() : rnd.nextInt(s.confounders());
            boolean[] secondary = new boolean[4];
            List<SceneSegment> segments = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double start = i * s.segmentSeconds();
                double end = start + s.segmentSeconds();
                int segClass = covered(events, start, end) ? cls : normal;
                for (int j = 1; j < 4; j++) {
                    secondary[j] = rnd.nextDouble() < 0.3;
                }
                double face = rnd.nextDouble();
                float[] faceProto = segClass != normal
                        ? (face < s.misleadingFaceRate() ? facePositive : faceNegative)
                        : (face < 0.5 ? facePositive : face < 0.65 ? faceNegative : null);
                float[][] features = new float[4][];
                for (int j = 0; j < 4; j++) {
                    int w = s.sceneWidths().get(j);
                    float[] f = new float[s.frames() * w];
                    for (int k = 0; k < s.frames(); k++) {
                        double ramp = 0.6 + 0.4 * k / Math.max(1, s.frames() - 1);
                        for (int d = 0; d < w; d++) {
                            double x = rnd.nextGaussian() + s.confounder() * conf[j][confounder][d];
                            if (j == 0) {
                                x += faceProto == null ? 0 : s.signal() * ramp * faceProto[d];
                            } else if (segClass == normal) {
                                x += 0.5 * s.signal() * proto[j][normal][d];
                            } else if (segClass % 3 + 1 == j || secondary[j]) { // primaryScene(label) == j
                                x += s.signal() * ramp * proto[j][segClass][d];
                            }
                            f[k * w + d] = (float) x;
                        }
                    }
                    features[j] = f;
                }
                segments.add(new SceneSegment(start, end, labels.get(segClass), features));
            }
            videos.add(new SceneVideo(String.format("synth_%05d", v), test ? "test" : "train", duration, segments,
                    events));
        }
        return new SceneDataset(NAME_PREFIX + s.seed(), s.sceneWidths(), s.frames(), labels, videos);
    }

    private static int pickCrime(Random rnd, int classes, int normal) {
        int c = rnd.nextInt(classes - 1);
        return c >= normal ? c + 1 : c;
    }

    /** 1-2 non-overlapping events of 2-5 segments with boundaries jittered by up to 0.3 s. */
    private static List<SceneVideo.Event> events(Random rnd, int n, double seg, String label) {
        List<SceneVideo.Event> out = new ArrayList<>();
        int count = 1 + rnd.nextInt(2);
        int from = 0;
        for (int e = 0; e < count && from < n - 2; e++) {
            int len = 2 + rnd.nextInt(4);
            int start = from + rnd.nextInt(Math.max(1, (n - from - len) / (count - e)));
            int end = Math.min(n, start + len);
            double s = Math.max(0, start * seg + (rnd.nextDouble() - 0.5) * 0.6);
            double t = Math.min(n * seg, end * seg + (rnd.nextDouble() - 0.5) * 0.6);
            out.add(new SceneVideo.Event(s, t, label));
            from = end + 1;
        }
        return out;
    }

    private static boolean covered(List<SceneVideo.Event> events, double start, double end) {
        for (SceneVideo.Event e : events) {
            double overlap = Math.min(end, e.end()) - Math.max(start, e.start());
            if (overlap >= 0.5 * (end - start)) {
                return true;
            }
        }
        return false;
    }

    private static float[] unit(Random rnd, int width) {
        float[] v = new float[width];
        double norm = 0;
        for (int d = 0; d < width; d++) {
            v[d] = (float) rnd.nextGaussian();
            norm += v[d] * v[d];
        }
        double scale = 3.0 / Math.sqrt(norm);
        for (int d = 0; d < width; d++) {
            v[d] = (float) (v[d] * scale);
        }
        return v;
    }
}
