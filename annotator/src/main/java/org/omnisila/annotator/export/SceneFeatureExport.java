package org.omnisila.annotator.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.omnisila.annotator.project.Item;
import org.omnisila.engine.analysis.CollectedSegment;
import org.omnisila.engine.analysis.CollectedVideo;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.api.VideoInfo;
import org.omnisila.engine.data.SceneDataset;
import org.omnisila.engine.data.SceneSegment;
import org.omnisila.engine.data.SceneVideo;
import org.omnisila.engine.scene.SceneFeatures;
import org.omnisila.engine.video.VideoFormatException;
import org.omnisila.engine.video.VideoProbe;

/**
 * The scene-feature data set of the exported items (docs/formats.md, "Scene-feature data set"): for each video with
 * exported items, the scene features of its segments, each segment labelled by the exported item that overlaps it
 * most (ties: the earlier start, then the earlier end, then the lower id) or, where none does, by the background
 * label ({@code neutral} for explicit labels, {@code Normal} for implicit ones); the items' spans with another label
 * are the video's events. Items without a label, and single-frame items (no span), label nothing.
 */
final class SceneFeatureExport {

    private final SceneSource source;

    SceneFeatureExport(SceneSource source) {
        this.source = source;
    }

    /**
     * @param name     the data set's name
     * @param byVideo  the exported items, grouped by video, videos in export order
     * @param split    which side each video is on
     * @param progress called after each video
     * @throws ExportException when a video is missing or cannot be decoded, or the labels mix explicit and
     *                         implicit ones
     */
    SceneDataset build(String name, Map<Long, List<Item>> byVideo, VideoSplit split, Runnable progress,
                       BooleanSupplier cancelled) {
        List<String> labels = labelSet(byVideo);
        String background = labels.get(labels.size() - 1).equals("Normal") ? "Normal" : "neutral";
        Map<String, Integer> names = new HashMap<>();
        byVideo.values().forEach(items -> names.merge(fileName(items.get(0).videoPath()), 1, Integer::sum));
        int frames = source.plan().framesPerSegment();
        List<SceneVideo> videos = new ArrayList<>();
        for (Map.Entry<Long, List<Item>> video : byVideo.entrySet()) {
            List<Item> items = video.getValue();
            String path = items.get(0).videoPath();
            String id = names.get(fileName(path)) > 1 ? fileName(path) + "#" + video.getKey() : fileName(path);
            Path file = Path.of(path);
            if (!Files.isRegularFile(file)) {
                throw new ExportException("the video " + path + " is not there, so its scene features cannot be"
                        + " extracted; point the project at the folder where it is now (relink)");
            }
            VideoInfo info;
            CollectedVideo collected;
            try {
                info = VideoProbe.info(file);
                collected = source.collection().collect(file, info.sha256(), f -> { }, cancelled);
            } catch (VideoFormatException e) {
                throw new ExportException("cannot extract the scene features of " + e.getMessage(), e);
            }
            List<SceneSegment> segments = new ArrayList<>();
            for (CollectedSegment c : collected.segments()) {
                if (c.scenes().stream().allMatch(s -> s.frames() == frames)) {
                    segments.add(new SceneSegment(c.segment().start(), c.segment().end(),
                            labelOf(c.segment().start(), c.segment().end(), items, background), features(c)));
                }
            }
            videos.add(new SceneVideo(id, split.subset(video.getKey()), info.duration(), segments,
                    events(items, background)));
            progress.run();
        }
        return new SceneDataset(name, source.widths(), frames, labels, videos);
    }

    /**
     * The label of a segment: that of the labelled item with a span that overlaps it most (ties: earlier start, then
     * lower id), else the background label.
     */
    static String labelOf(double start, double end, List<Item> items, String background) {
        Item best = null;
        double most = 0;
        for (Item item : byStart(items)) { // a later item must overlap more to win: ties go to the earlier one
            if (item.label() == null || item.label().isBlank() || item.end() <= item.start()) {
                continue;
            }
            double overlap = Math.min(end, item.end()) - Math.max(start, item.start());
            if (overlap > most + 1e-9) {
                best = item;
                most = overlap;
            }
        }
        return best == null ? background : SentimentLabels.canonical(best.label());
    }

    private static List<Item> byStart(List<Item> items) {
        List<Item> sorted = new ArrayList<>(items);
        sorted.sort((a, b) -> a.start() != b.start() ? Double.compare(a.start(), b.start())
                : a.end() != b.end() ? Double.compare(a.end(), b.end()) : Long.compare(a.id(), b.id()));
        return sorted;
    }

    /** The spans of the labelled items whose label is not the background, by start, then end, then id. */
    static List<SceneVideo.Event> events(List<Item> items, String background) {
        List<SceneVideo.Event> events = new ArrayList<>();
        for (Item item : byStart(items)) {
            if (item.label() != null && !item.label().isBlank() && item.end() > item.start()) {
                String label = SentimentLabels.canonical(item.label());
                if (!label.equals(background)) {
                    events.add(new SceneVideo.Event(item.start(), item.end(), label));
                }
            }
        }
        return events;
    }

    /**
     * The model's labels: the explicit set when every label is explicit, else the implicit set when every label is
     * implicit; a mix, or a label of neither set, cannot be trained on.
     */
    static List<String> labelSet(Map<Long, List<Item>> byVideo) {
        TreeSet<String> used = new TreeSet<>();
        for (List<Item> items : byVideo.values()) {
            for (Item item : items) {
                if (item.label() != null && !item.label().isBlank()) {
                    used.add(SentimentLabels.canonical(item.label()));
                }
            }
        }
        if (SentimentLabels.EXPLICIT.containsAll(used)) {
            return SentimentLabels.EXPLICIT;
        }
        if (SentimentLabels.IMPLICIT.containsAll(used)) {
            return SentimentLabels.IMPLICIT;
        }
        TreeSet<String> other = new TreeSet<>(used);
        other.removeAll(SentimentLabels.EXPLICIT);
        other.removeAll(SentimentLabels.IMPLICIT);
        throw new ExportException("the scene-feature data set needs the labels of one family, the explicit ones ("
                + String.join(", ", SentimentLabels.EXPLICIT) + ") or the implicit ones (" + String.join(", ",
                SentimentLabels.IMPLICIT) + "); the exported items have " + used
                + (other.isEmpty() ? ", a mix of both" : ", of which " + other + " are in neither")
                + ". Relabel the items, or export without scene-features");
    }

    private static float[][] features(CollectedSegment c) {
        float[][] out = new float[4][];
        for (int j = 0; j < 4; j++) {
            SceneFeatures f = c.scenes().get(j);
            float[][] rows = f.values();
            int width = rows.length == 0 ? 0 : rows[0].length;
            float[] flat = new float[rows.length * width];
            for (int t = 0; t < rows.length; t++) {
                System.arraycopy(rows[t], 0, flat, t * width, width);
            }
            out[j] = flat;
        }
        return out;
    }

    private static String fileName(String path) {
        Path name = Path.of(path).getFileName();
        return name == null ? path : name.toString();
    }

    /** Groups items by video, keeping the order of their first appearance. */
    static Map<Long, List<Item>> byVideo(List<Item> items) {
        Map<Long, List<Item>> grouped = new LinkedHashMap<>();
        for (Item item : items) {
            grouped.computeIfAbsent(item.videoId(), v -> new ArrayList<>()).add(item);
        }
        return grouped;
    }
}
