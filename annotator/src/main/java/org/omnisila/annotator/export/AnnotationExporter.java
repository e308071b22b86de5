package org.omnisila.annotator.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemFilter;
import org.omnisila.engine.data.SceneDataset;
import org.omnisila.engine.data.SceneDatasetFiles;
import org.omnisila.engine.data.SceneVideo;

/**
 * Exports an annotation project's reviewed items as training data (docs/annotation-guide.md, "Exports"): the two
 * instruction data sets of the paper's training stages in Video-LLaVA's conversation JSON with their media, the
 * scene-feature data set of the embedded model, and a dataset card, split into train and test by video.
 *
 * <p>The export is written into a hidden folder beside the target and moved into place at the end, so the target
 * either does not exist or is complete: a failed or cancelled export removes its hidden folder, and a killed one
 * leaves only that ({@code .NAME.partial-...}, safe to delete). The same project with the same settings gives
 * byte-identical files.
 */
public final class AnnotationExporter {

    /** How often, in items, progress is reported. */
    private static final int EVERY = 100;

    private final ExportSettings settings;
    private final SceneSource scenes;
    private final ExportSelection selection;

    /**
     * @param settings what to write
     * @param scenes   the scene extractors for {@link ExportSet#SCENE_FEATURES}; null when that set is not wanted
     * @throws IllegalArgumentException when the scene-feature set is wanted without extractors
     */
    public AnnotationExporter(ExportSettings settings, SceneSource scenes) {
        if (settings.sets().contains(ExportSet.SCENE_FEATURES) && scenes == null) {
            throw new IllegalArgumentException("the scene-feature data set needs the scene extractors");
        }
        this.settings = settings;
        this.scenes = scenes;
        this.selection = ExportSelection.of(settings.includeUnreviewed());
    }

    /**
     * Writes the export.
     *
     * @param project   the project, open
     * @param out       the folder to create; it must not exist, or be empty
     * @param listener  told the progress
     * @param cancelled polled between items (and, for scene features, between frames)
     * @throws ExportException       when the folder exists, nothing is exported, a video cannot be read, or a file
     *                               cannot be written; nothing is left of the export
     * @throws CancellationException when cancelled; nothing is left of the export
     */
    public ExportReport export(AnnotationProject project, Path out, ExportListener listener,
                               BooleanSupplier cancelled) {
        Path target = out.toAbsolutePath().normalize();
        checkTarget(target);
        checkCancelled(cancelled);
        List<Item> all = project.items(ItemFilter.all());
        ExportSelection.Selected selected = selection.select(all);
        if (selected.items().isEmpty()) {
            throw new ExportException(project.file() + ": nothing to export: none of its " + all.size()
                    + " items is accepted or edited" + (settings.includeUnreviewed() ? " or unreviewed" : "")
                    + "; review some first" + (settings.includeUnreviewed() ? "" : ", or include unreviewed items"));
        }
        VideoSplit split = VideoSplit.of(selected.items(), settings.seed(), settings.testFraction());
        Path temp;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".partial-");
        } catch (IOException e) {
            throw new ExportException("cannot create the export folder beside " + target + ": " + e.getMessage(), e);
        }
        boolean done = false;
        try {
            ExportReport report = write(project, selected, split, temp, target, listener, cancelled);
            moveIntoPlace(temp, target);
            done = true;
            return report;
        } catch (IOException e) {
            throw new ExportException("cannot write the export " + target + ": " + e.getMessage(), e);
        } finally {
            if (!done) {
                deleteTree(temp);
            }
        }
    }

    private ExportReport write(AnnotationProject project, ExportSelection.Selected selected, VideoSplit split,
                               Path dir, Path target, ExportListener listener, BooleanSupplier cancelled)
            throws IOException {
        Map<Long, List<Item>> byVideo = SceneFeatureExport.byVideo(selected.items());
        boolean features = settings.sets().contains(ExportSet.SCENE_FEATURES);
        int total = selected.items().size() + (features ? byVideo.size() : 0);
        int[] done = {0};
        listener.progress(0, total);
        // Agreement from the peer reviews in the project, unless the caller gave its own summary.
        ExportSettings cardSettings = settings.agreement() != null ? settings
                : settings.withAgreement(AgreementSummary.of(project));
        DatasetCard card = new DatasetCard(project.name(), cardSettings, selected);
        Map<String, Integer> entries = new HashMap<>();
        writeInstructions(selected.items(), split, dir, card, entries, () -> {
            done[0]++;
            if (done[0] % EVERY == 0) {
                checkCancelled(cancelled);
                listener.progress(done[0], total);
            }
        });
        if (features) {
            SceneDataset data = new SceneFeatureExport(scenes).build(project.name(), byVideo, split, () -> {
                checkCancelled(cancelled);
                listener.progress(++done[0], total);
            }, cancelled);
            SceneDatasetFiles.write(data, dir.resolve(ExportSet.SCENE_FEATURES.cliName()));
            int segments = 0;
            for (SceneVideo v : data.videos()) {
                card.sceneVideo(v.subset(), v.segments().size(), v.events().size());
                segments += v.segments().size();
            }
            entries.put(ExportSet.SCENE_FEATURES.cliName(), segments);
        }
        checkCancelled(cancelled);
        card.annotators(project.auditLog());
        card.write(dir);
        listener.progress(total, total);
        int leftOut = selected.leftOut().values().stream().mapToInt(Integer::intValue).sum();
        return new ExportReport(target, selected.items().size(), leftOut, split.videos(VideoSplit.TRAIN),
                split.videos(VideoSplit.TEST), entries);
    }

    /** The instruction data sets and the media, item by item; every item is counted on the card. */
    private void writeInstructions(List<Item> items, VideoSplit split, Path dir, DatasetCard card,
                                   Map<String, Integer> entries, Runnable itemDone) throws IOException {
        Map<ExportSet, Map<String, JsonArrayFile>> files = new EnumMap<>(ExportSet.class);
        InstructionEntries maker = new InstructionEntries(selection);
        try (MediaWriter media = new MediaWriter(settings.media(), settings.frameFormat(), settings.context(), dir)) {
            for (ExportSet set : List.of(ExportSet.SCENE_TUNING, ExportSet.OMNISILA_TUNING)) {
                if (settings.sets().contains(set)) {
                    Map<String, JsonArrayFile> sides = new HashMap<>();
                    files.put(set, sides);
                    for (String side : List.of(VideoSplit.TRAIN, VideoSplit.TEST)) {
                        sides.put(side, new JsonArrayFile(dir.resolve(set.cliName()).resolve(side + ".json")));
                    }
                }
            }
            if (!files.isEmpty() && settings.media() != MediaMode.NONE) {
                Files.createDirectories(dir.resolve(MediaWriter.FOLDER));
            }
            for (Item item : items) {
                String side = split.subset(item.videoId());
                card.item(item, side, selection);
                if (!files.isEmpty()) {
                    ExportedMedia m = media.write(item);
                    for (Map.Entry<ExportSet, Map<String, JsonArrayFile>> set : files.entrySet()) {
                        List<InstructionEntries.Entry> made = set.getKey() == ExportSet.SCENE_TUNING
                                ? maker.sceneTuning(item, m) : maker.omnisilaTuning(item, m);
                        for (InstructionEntries.Entry e : made) {
                            set.getValue().get(side).add(e.json());
                        }
                        card.entries(set.getKey(), side, made.size());
                        entries.merge(set.getKey().cliName(), made.size(), Integer::sum);
                    }
                }
                itemDone.run();
            }
        } finally {
            IOException first = null;
            for (Map<String, JsonArrayFile> sides : files.values()) {
                for (JsonArrayFile file : sides.values()) {
                    try {
                        file.close();
                    } catch (IOException e) {
                        first = first == null ? e : first;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    private static void checkTarget(Path target) {
        if (Files.exists(target)) {
            boolean empty;
            try (Stream<Path> children = Files.isDirectory(target) ? Files.list(target) : null) {
                empty = children != null && children.findAny().isEmpty();
            } catch (IOException e) {
                throw new ExportException("cannot read " + target + ": " + e.getMessage(), e);
            }
            if (!empty) {
                throw new ExportException(target + " already exists" + (Files.isDirectory(target) ? " and is not"
                        + " empty" : " (a file)") + "; an export never overwrites: choose a new folder or delete it");
            }
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        Files.deleteIfExists(target); // an empty folder, checked before
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target);
        }
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("export cancelled; nothing was written");
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort: the export's own failure is what is reported; a hidden .partial folder may stay.
        }
    }
}
