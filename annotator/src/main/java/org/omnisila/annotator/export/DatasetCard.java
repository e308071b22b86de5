package org.omnisila.annotator.export;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.omnisila.annotator.project.AuditEntry;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.engine.api.SentimentLabels;

/**
 * The dataset card of an export, {@code card.json} and {@code card.md} (docs/formats.md, "Dataset card"): what was
 * exported with which settings, counts per label, aspect, split and review state, the annotators and generators
 * behind the items, and the agreement summary. Counted while the export runs; no times or paths in it, so that it
 * is as reproducible as the data.
 */
final class DatasetCard {

    /** The {@code format} of card.json. */
    static final String FORMAT = "omnisila-annotation-export";
    /** The {@code version} of card.json. */
    static final int VERSION = 1;

    private static final List<String> ASPECTS = List.of("face", "action", "object", "background", "summary");

    private final String project;
    private final ExportSettings settings;
    private final ExportSelection.Selected selected;
    private final Map<String, Map<String, Integer>> labels = new TreeMap<>();
    private final Map<String, Map<String, Integer>> aspects = new TreeMap<>();
    private final Map<String, Map<String, Integer>> generators = new TreeMap<>();
    private final Map<String, Map<String, Integer>> entries = new TreeMap<>();
    private final Map<String, Map<String, Integer>> splits = new TreeMap<>();
    private final Map<String, Map<String, Object>> annotators = new TreeMap<>();
    private final Map<String, Map<String, Integer>> sceneFeatures = new TreeMap<>();
    private final Set<Long> videosSeen = new TreeSet<>();

    DatasetCard(String project, ExportSettings settings, ExportSelection.Selected selected) {
        this.project = project;
        this.settings = settings;
        this.selected = selected;
        for (String side : List.of(VideoSplit.TRAIN, VideoSplit.TEST)) {
            splits.put(side, new TreeMap<>(Map.of("videos", 0, "items", 0)));
        }
    }

    /** Counts one exported item on its side of the split. */
    void item(Item item, String side, ExportSelection selection) {
        count(labels, item.label() == null ? VideoSplit.NO_LABEL : SentimentLabels.canonical(item.label()), side);
        for (String aspect : ASPECTS) {
            String text = aspect.equals("summary") ? selection.summary(item)
                    : selection.aspect(item, org.omnisila.engine.api.Scene.valueOf(aspect.toUpperCase(Locale.ROOT)));
            if (text != null) {
                count(aspects, aspect, side);
            }
        }
        String generator = item.generatorVersion() == null || item.generatorVersion().isEmpty() ? item.generator()
                : item.generator() + " " + item.generatorVersion();
        count(generators, generator, side);
        splits.get(side).merge("items", 1, Integer::sum);
        if (videosSeen.add(item.videoId())) {
            splits.get(side).merge("videos", 1, Integer::sum);
        }
    }

    /** Counts the entries an item gave a data set, by task or aspect. */
    void entries(ExportSet set, String side, int count) {
        if (count > 0) {
            entries.computeIfAbsent(set.cliName(), s -> new TreeMap<>()).merge(side, count, Integer::sum);
        }
    }

    /** Counts the segments of a video of the scene-feature data set. */
    void sceneVideo(String side, int segments, int events) {
        Map<String, Integer> counts = sceneFeatures.computeIfAbsent(side, s -> new TreeMap<>());
        counts.merge("videos", 1, Integer::sum);
        counts.merge("segments", segments, Integer::sum);
        counts.merge("events", events, Integer::sum);
    }

    /**
     * The annotators of the exported items: from the audit log, who changed them (review states, texts, segments),
     * with how many of the exported items and how many changes.
     */
    void annotators(List<AuditEntry> log) {
        Set<Long> exported = new TreeSet<>();
        selected.items().forEach(i -> exported.add(i.id()));
        Map<String, Set<Long>> items = new TreeMap<>();
        Map<String, Integer> changes = new TreeMap<>();
        for (AuditEntry entry : log) {
            if (entry.itemId() != null && exported.contains(entry.itemId())) {
                items.computeIfAbsent(entry.annotator(), a -> new TreeSet<>()).add(entry.itemId());
                changes.merge(entry.annotator(), 1, Integer::sum);
            }
        }
        for (Map.Entry<String, Set<Long>> a : items.entrySet()) {
            annotators.put(a.getKey(), new TreeMap<>(Map.of("items", a.getValue().size(),
                    "changes", changes.get(a.getKey()))));
        }
    }

    /** Writes card.json and card.md into the export folder. */
    void write(Path dir) throws IOException {
        Map<String, Object> json = json();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(
                new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));
        String text = mapper.writer(printer).writeValueAsString(json) + "\n";
        Files.writeString(dir.resolve("card.json"), text, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("card.md"), markdown(), StandardCharsets.UTF_8);
    }

    Map<String, Object> json() {
        Map<String, Object> card = new TreeMap<>();
        card.put("format", FORMAT);
        card.put("version", VERSION);
        card.put("project", project);
        card.put("settings", settingsJson());
        Map<String, Object> states = new TreeMap<>();
        states.put("exported", byState(selected.exported(), ItemState.ACCEPTED, ItemState.EDITED,
                ItemState.UNREVIEWED));
        states.put("leftOut", byState(selected.leftOut(), ItemState.REJECTED, ItemState.UNREVIEWED));
        card.put("reviewStates", states);
        card.put("splits", splits);
        card.put("labels", labels);
        card.put("aspects", aspects);
        card.put("entries", entries);
        if (settings.sets().contains(ExportSet.SCENE_FEATURES)) {
            card.put("sceneFeatures", sceneFeatures);
        }
        card.put("annotators", annotators);
        card.put("generators", generators);
        card.put("agreement", settings.agreement());
        return card;
    }

    private Map<String, Object> settingsJson() {
        Map<String, Object> s = new TreeMap<>();
        List<String> sets = new ArrayList<>();
        for (ExportSet set : ExportSet.values()) {
            if (settings.sets().contains(set)) {
                sets.add(set.cliName());
            }
        }
        s.put("sets", sets);
        s.put("media", settings.media().cliName());
        if (settings.media() == MediaMode.FRAMES) {
            s.put("frameFormat", settings.frameFormat().extension());
        }
        if (settings.media() != MediaMode.NONE) {
            s.put("context", settings.context());
        }
        s.put("seed", settings.seed());
        s.put("testFraction", settings.testFraction());
        s.put("includeUnreviewed", settings.includeUnreviewed());
        return s;
    }

    private static Map<String, Integer> byState(Map<ItemState, Integer> counts, ItemState... states) {
        Map<String, Integer> out = new TreeMap<>();
        for (ItemState state : states) {
            out.put(state.dbName(), counts.getOrDefault(state, 0));
        }
        return out;
    }

    private static void count(Map<String, Map<String, Integer>> table, String key, String side) {
        Map<String, Integer> row = table.computeIfAbsent(key, k -> new TreeMap<>(Map.of(VideoSplit.TRAIN, 0,
                VideoSplit.TEST, 0)));
        row.merge(side, 1, Integer::sum);
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Dataset card: ").append(project).append("\n\n");
        md.append("Exported from the annotation project \"").append(project).append("\" by Omni-SILA Workbench")
                .append(" (docs/annotation-guide.md, \"Exports\"; the layout is in docs/formats.md).\n\n");
        Map<String, Object> s = settingsJson();
        md.append("## Settings\n\n");
        for (Map.Entry<String, Object> e : s.entrySet()) {
            md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        md.append("\n## Review states\n\n| state | exported | left out |\n|---|---:|---:|\n");
        for (ItemState state : ItemState.values()) {
            md.append("| ").append(state.dbName()).append(" | ").append(selected.exported().get(state))
                    .append(" | ").append(selected.leftOut().get(state)).append(" |\n");
        }
        md.append("\n## Splits (by video)\n\n");
        table(md, "split", List.of("videos", "items"), splits);
        md.append("\n## Items per label\n\n");
        table(md, "label", List.of(VideoSplit.TRAIN, VideoSplit.TEST), labels);
        md.append("\n## Exported texts per aspect\n\n");
        table(md, "aspect", List.of(VideoSplit.TRAIN, VideoSplit.TEST), aspects);
        md.append("\n## Entries per data set\n\n");
        table(md, "data set", List.of(VideoSplit.TRAIN, VideoSplit.TEST), entries);
        if (settings.sets().contains(ExportSet.SCENE_FEATURES)) {
            md.append("\n## Scene-feature data set\n\n");
            table(md, "split", List.of("videos", "segments", "events"), sceneFeatures);
        }
        md.append("\n## Annotators\n\n");
        if (annotators.isEmpty()) {
            md.append("No annotator changed the exported items (all exported as imported).\n");
        } else {
            md.append("| annotator | items changed | changes |\n|---|---:|---:|\n");
            annotators.forEach((name, c) -> md.append("| ").append(cell(name)).append(" | ").append(c.get("items"))
                    .append(" | ").append(c.get("changes")).append(" |\n"));
        }
        md.append("\n## Generators\n\n");
        table(md, "generator", List.of(VideoSplit.TRAIN, VideoSplit.TEST), generators);
        md.append("\n## Agreement\n\n");
        md.append(settings.agreement() == null ? "Not computed for this export.\n" : settings.agreement().strip()
                + "\n");
        return md.toString();
    }

    private static void table(StringBuilder md, String first, List<String> columns,
                              Map<String, ? extends Map<String, Integer>> rows) {
        if (rows.isEmpty()) {
            md.append("None.\n");
            return;
        }
        md.append("| ").append(first);
        columns.forEach(c -> md.append(" | ").append(c));
        md.append(" |\n|---");
        columns.forEach(c -> md.append("|---:"));
        md.append("|\n");
        Map<String, Map<String, Integer>> ordered = new LinkedHashMap<>(rows);
        ordered.forEach((key, counts) -> {
            md.append("| ").append(cell(key));
            columns.forEach(c -> md.append(" | ").append(counts.getOrDefault(c, 0)));
            md.append(" |\n");
        });
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
