package org.omnisila.app.workbench.annotate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.omnisila.app.workbench.RecentVideos;
import org.omnisila.engine.api.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The annotator's name, asked once and kept in {@code annotator.txt} of the settings folder (as the recent videos
 * are): the audit log of every project opened in this window records it. A file that cannot be read or written
 * costs the memory of the name, never the opening of a project.
 */
public final class AnnotatorName {
    private static final Logger LOG = LoggerFactory.getLogger(AnnotatorName.class);
    /** The file's name in the settings folder. */
    public static final String FILE = "annotator.txt";

    private final Path file;

    /** @param file where the name is kept */
    public AnnotatorName(Path file) {
        this.file = file;
    }

    /** The product's, in {@link RecentVideos#settingsFolder()}. */
    public static AnnotatorName standard() {
        return new AnnotatorName(RecentVideos.settingsFolder().resolve(FILE));
    }

    /** @return the remembered name, or empty when none was given yet (or the file cannot be read) */
    public Optional<String> get() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String name = Files.readString(file, StandardCharsets.UTF_8).strip();
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        } catch (IOException e) {
            LOG.warn("cannot read the annotator's name in {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Remembers a name.
     *
     * @throws IllegalArgumentException when it is blank or spans lines
     */
    public void set(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.contains("\n") || n.contains("\r")) {
            throw new IllegalArgumentException("The annotator's name must be one line of text, not empty.");
        }
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, (n + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot save the annotator's name in {}: {}", file, e.toString());
        }
    }
}
