package org.omnisila.engine.scene.export;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.omnisila.engine.api.AtomicFiles;
import org.omnisila.engine.api.StrictJson;

/**
 * Writes {@code cues.json} atomically (a temporary file renamed over the target: a crash never leaves half a file
 * under the name) and reads it back strictly, the schema version first.
 */
public final class SceneCueJson {

    private static final ObjectMapper MAPPER = StrictJson.mapper();
    private static final ObjectWriter WRITER = StrictJson.writer(MAPPER);

    private SceneCueJson() {
    }

    /** Replaces (or creates) {@code file}; its directory must exist. */
    public static void write(SceneCueFile cues, Path file) throws IOException {
        AtomicFiles.write(file, (WRITER.writeValueAsString(cues) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the file's cues
     * @throws IllegalArgumentException naming the file, when it is not scene cues of a schema version this build
     *     reads, or breaks the format
     */
    public static SceneCueFile read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            JsonNode version = MAPPER.readTree(text).path("schemaVersion");
            if (!version.isInt() || version.intValue() < 1 || version.intValue() > SceneCueFile.SCHEMA_VERSION) {
                throw new IllegalArgumentException(file + ": not scene cues this build reads (schemaVersion "
                        + (version.isMissingNode() ? "missing" : version) + "; this build reads 1 to "
                        + SceneCueFile.SCHEMA_VERSION + ")");
            }
            return MAPPER.readValue(text, SceneCueFile.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + ": " + e.getOriginalMessage(), e);
        }
    }
}
