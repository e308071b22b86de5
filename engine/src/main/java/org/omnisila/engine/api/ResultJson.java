package org.omnisila.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes {@link VideoAnalysis} as the result JSON described in docs/formats.md and
 * docs/result.schema.json.
 *
 * <p>Writing is deterministic (fields in declaration order, maps in insertion order, two-space
 * indentation, {@code \n} line ends, UTF-8, a final newline), so the same analysis always gives the
 * same bytes, and atomic (a crash never leaves a half-written file).
 *
 * <p>Reading is strict: every field must be present (nullable ones as {@code null}), of the right
 * JSON type (no strings for numbers), known to this schema version, and valid for its record. Any
 * failure is a {@link ResultFormatException} naming the file, line, column and field. The
 * {@code schemaVersion} is checked before anything else, so that a file from a newer Omni-SILA is
 * reported as such rather than as a list of unknown fields.
 */
public final class ResultJson {

    private static final ObjectMapper MAPPER = StrictJson.mapper();
    private static final ObjectWriter WRITER = StrictJson.writer(MAPPER);

    private ResultJson() {
    }

    /**
     * Writes an analysis to a file atomically: to a temporary file in the same directory, forced to
     * disk, then renamed over {@code file}. An existing file is replaced.
     *
     * @param analysis the analysis to write
     * @param file     destination; its directory must exist
     * @throws IOException if the file cannot be written; an existing file is then left as it was
     */
    public static void write(VideoAnalysis analysis, Path file) throws IOException {
        AtomicFiles.write(file, toJson(analysis).getBytes(StandardCharsets.UTF_8));
    }

    /** The analysis as pretty-printed JSON text, ending with a newline; the bytes {@link #write} writes. */
    public static String toJson(VideoAnalysis analysis) {
        if (analysis == null) {
            throw new IllegalArgumentException("analysis is required but was null");
        }
        try {
            return WRITER.writeValueAsString(analysis) + "\n";
        } catch (JsonProcessingException e) {
            // Records of plain values always serialise; reaching this is a bug in this class.
            throw new IllegalStateException("cannot serialise " + analysis, e);
        }
    }

    /**
     * Reads an analysis from a UTF-8 file (a leading byte-order mark is allowed).
     *
     * @param file the result file
     * @return the analysis
     * @throws ResultFormatException if the file does not exist, cannot be read, is empty, is not
     *         valid JSON, is of a newer schema version, or breaks the format; the message names the
     *         file and, where there is one, the line, column and field
     */
    public static VideoAnalysis read(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ResultProblems.whole(name, "file not found", e);
        } catch (AccessDeniedException e) {
            throw ResultProblems.whole(name, "permission denied", e);
        } catch (CharacterCodingException e) {
            throw ResultProblems.whole(name, "not UTF-8 text (is this a result JSON file?)", e);
        } catch (IOException e) {
            throw ResultProblems.whole(name, "cannot read the file: " + e, e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return parse(text, name);
    }

    /**
     * Reads an analysis from JSON text.
     *
     * @param json       the JSON text
     * @param sourceName what to call the text in error messages, usually the file name
     * @return the analysis
     * @throws ResultFormatException as {@link #read(Path)}
     */
    public static VideoAnalysis parse(String json, String sourceName) {
        if (json == null) {
            throw new IllegalArgumentException("json is required but was null");
        }
        String source = sourceName == null ? "<json>" : sourceName;
        if (json.isBlank()) {
            throw ResultProblems.whole(source, "the file is empty", null);
        }
        StrictJsonText text = StrictJsonText.parse(MAPPER, json, source,
                "fields are only added together with a new schemaVersion");
        SchemaVersion.check(text.tree(), text.problems());
        return SchemaVersion.migrate(text.tree()) ? text.bindTree(VideoAnalysis.class) : text.bind(VideoAnalysis.class);
    }
}
