package org.omnisila.engine.llm.tuning;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.omnisila.engine.data.DatasetFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exported instruction data set (docs/formats.md, "Annotation export"): Video-LLaVA's conversation JSON
 * {@code train.json} / {@code test.json} of the {@code scene-tuning} (stage 1) or {@code omnisila-tuning} (stage 2)
 * folder, read with Jackson (the engine does not depend on the annotator that writes it).
 *
 * <p>Media paths are resolved against the export folder (Video-LLaVA's {@code video_folder}); an absolute path
 * (media {@code none}: the source video as the project has it) stays as it is. An entry with a {@code frames} list is
 * {@link Media.Kind#FRAMES}; one with a {@code window} and a video file a {@link Media.Kind#CLIP} (the clip shows the
 * window, so it is sampled whole); one without a window the {@link Media.Kind#SOURCE} video, sampled whole.
 *
 * <p>Damage is gone past, with warnings: the exporter writes one entry per line ("[", lines starting with "{", "]"),
 * so a broken line (truncated, bad JSON) is skipped with a warning naming file, line and column, and the other lines
 * are kept; an entry without an
 * id or conversations, or whose media file is missing, is skipped with a warning naming the entry and the path.
 * A file that is not one entry per line (a Video-LLaVA data set pretty-printed) is read whole; a syntax error there
 * is fatal ({@link DatasetFormatException} with file, line and column).
 */
public final class InstructionDataset {
    private static final Logger LOG = LoggerFactory.getLogger(InstructionDataset.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The two training stages of the paper (section 3.4) and their folders in an export. */
    public enum Stage {
        /** Stage 1, scene-tuning: describe the face / action / image region / background. */
        SCENE_TUNING("scene-tuning"),
        /** Stage 2, Omni-SILA tuning: identify, locate, attribute. */
        OMNISILA_TUNING("omnisila-tuning");

        private final String folder;

        Stage(String folder) {
            this.folder = folder;
        }

        /** @return the folder name in an export */
        public String folder() {
            return folder;
        }
    }

    /** One turn: {@code from} "human" or "gpt" (Video-LLaVA's roles), and the text. */
    public record Turn(String from, String value) {
        /** @return whether the assistant says this */
        public boolean assistant() {
            return "gpt".equals(from);
        }
    }

    /**
     * What an entry shows.
     *
     * @param kind   clip, frames or source video
     * @param path   the video file, or the frames folder
     * @param frames the frame images in time order (kind FRAMES), else empty
     * @param window [start, end] of the source the media shows, seconds; null when the entry has none
     */
    public record Media(Kind kind, Path path, List<Path> frames, double[] window) {
        /** Kinds of media. */
        public enum Kind { CLIP, FRAMES, SOURCE }

        /** Copies. */
        public Media {
            frames = List.copyOf(frames);
            window = window == null ? null : window.clone();
        }

        /** @return the eight frames as Video-LLaVA takes them (whole clip or source video, or the images) */
        public VideoFrames8 frames8() {
            return kind == Kind.FRAMES ? VideoFrames8.fromImages(frames) : VideoFrames8.sample(path);
        }
    }

    /**
     * One training example.
     *
     * @param id    the entry's id, e.g. {@code item-4-locate}
     * @param media what it shows
     * @param turns the conversation, human first
     * @param line  its line in the file (1-based)
     */
    public record Entry(String id, Media media, List<Turn> turns, int line) {
        /** Copies. */
        public Entry {
            turns = List.copyOf(turns);
        }
    }

    private final Path file;
    private final List<Entry> entries;
    private final List<String> warnings;

    private InstructionDataset(Path file, List<Entry> entries, List<String> warnings) {
        this.file = file;
        this.entries = List.copyOf(entries);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * @param export an export folder ({@code omnisila annotate export --out})
     * @param stage  which stage's folder
     * @param split  "train" or "test"
     * @return its entries
     * @throws DatasetFormatException when the file is missing or not readable at all
     */
    public static InstructionDataset read(Path export, Stage stage, String split) {
        return read(export.resolve(stage.folder()).resolve(split + ".json"), export);
    }

    /**
     * @param file a Video-LLaVA conversation JSON file
     * @param root the folder media paths are relative to (the export folder)
     * @return its valid entries; the rest is in {@link #warnings()}
     * @throws DatasetFormatException when the file is missing, unreadable or (not one entry per line) not JSON
     */
    public static InstructionDataset read(Path file, Path root) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file + ": instruction data file not found");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetFormatException(file + ": cannot read: " + e.getMessage());
        }
        List<String> warnings = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        boolean perLine = onePerLine(lines);
        if (perLine) {
            for (int i = 1; i < lines.size(); i++) {
                String text = lines.get(i).strip();
                if (text.isEmpty() || text.equals("]")) {
                    continue;
                }
                if (text.endsWith(",")) {
                    text = text.substring(0, text.length() - 1);
                }
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    JsonLocation at = e.getLocation();
                    warn(warnings, String.format(Locale.ROOT, "%s:%d:%d: not a JSON entry (%s); line skipped", file,
                            i + 1, at == null ? 0 : at.getColumnNr(), e.getOriginalMessage()));
                    continue;
                }
                entry(file, root, node, i + 1, warnings, entries);
            }
        } else {
            try (JsonParser p = JSON.getFactory().createParser(file.toFile())) {
                if (p.nextToken() != JsonToken.START_ARRAY) {
                    throw new DatasetFormatException(file + ":1:1: expected a JSON array of entries");
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    int line = p.currentTokenLocation().getLineNr();
                    entry(file, root, JSON.readTree(p), line, warnings, entries);
                }
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                throw new DatasetFormatException(String.format(Locale.ROOT, "%s:%d:%d: not valid JSON: %s", file,
                        at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), e.getOriginalMessage()));
            } catch (IOException e) {
                throw new DatasetFormatException(file + ": cannot read: " + e.getMessage());
            }
        }
        return new InstructionDataset(file, entries, warnings);
    }

    /** @return whether the lines are "[", then lines each starting an entry with "{", then "]" (the export's layout) */
    private static boolean onePerLine(List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).strip().equals("[")) {
            return false;
        }
        boolean any = false;
        for (int i = 1; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.isEmpty() || t.equals("]")) {
                continue;
            }
            if (!t.startsWith("{")) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static void entry(Path file, Path root, JsonNode node, int line, List<String> warnings,
                              List<Entry> entries) {
        String where = file + ":" + line;
        String id = node.path("id").asText(null);
        if (!node.isObject() || id == null || id.isBlank()) {
            warn(warnings, where + ": entry without an \"id\"; skipped");
            return;
        }
        JsonNode conv = node.path("conversations");
        List<Turn> turns = new ArrayList<>();
        for (JsonNode t : conv) {
            String from = t.path("from").asText("");
            if (!from.equals("human") && !from.equals("gpt")) {
                warn(warnings, where + ": entry " + id + " has a turn from \"" + from
                        + "\" (human or gpt expected); skipped");
                return;
            }
            turns.add(new Turn(from, t.path("value").asText("")));
        }
        if (turns.size() < 2 || !turns.get(0).from().equals("human")) {
            warn(warnings, where + ": entry " + id + " needs \"conversations\" starting with a human turn and "
                    + "with an answer; skipped");
            return;
        }
        Media media = media(root, node);
        if (media == null) {
            warn(warnings, where + ": entry " + id + " names no \"video\"; skipped");
            return;
        }
        List<Path> needed = media.kind() == Media.Kind.FRAMES ? media.frames() : List.of(media.path());
        for (Path p : needed) {
            if (!Files.isRegularFile(p)) {
                warn(warnings, where + ": entry " + id + ": media " + p + " not found; skipped");
                return;
            }
        }
        entries.add(new Entry(id, media, turns, line));
    }

    private static Media media(Path root, JsonNode node) {
        String video = node.path("video").asText(null);
        if (video == null || video.isBlank()) {
            return null;
        }
        double[] window = null;
        JsonNode w = node.path("window");
        if (w.isArray() && w.size() == 2) {
            window = new double[] {w.get(0).asDouble(), w.get(1).asDouble()};
        }
        Path path = root.resolve(video);
        JsonNode frames = node.path("frames");
        if (frames.isArray() && !frames.isEmpty()) {
            List<Path> files = new ArrayList<>();
            frames.forEach(f -> files.add(root.resolve(f.asText())));
            return new Media(Media.Kind.FRAMES, path, files, window);
        }
        return new Media(window != null ? Media.Kind.CLIP : Media.Kind.SOURCE, path, List.of(), window);
    }

    private static void warn(List<String> warnings, String message) {
        LOG.warn(message);
        warnings.add(message);
    }

    /** @return the file read */
    public Path file() {
        return file;
    }

    /** @return the valid entries, in file order */
    public List<Entry> entries() {
        return entries;
    }

    /** @return what was skipped and why, one line each (also logged) */
    public List<String> warnings() {
        return warnings;
    }
}
