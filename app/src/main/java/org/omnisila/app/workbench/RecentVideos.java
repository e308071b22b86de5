package org.omnisila.app.workbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.omnisila.app.platform.UserFolders;
import org.omnisila.engine.api.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The videos opened lately, most recent first, at most {@value #MAX}: one absolute path a line in
 * {@code recent-videos.txt} of the settings folder, written atomically at each open so that a killed window keeps
 * the list. A file that cannot be read or written costs the list, never the open.
 */
public final class RecentVideos {
    private static final Logger LOG = LoggerFactory.getLogger(RecentVideos.class);
    /** How many are kept. */
    public static final int MAX = 10;
    /** The file's name in the settings folder. */
    public static final String FILE = "recent-videos.txt";

    private final Path file;

    /** @param file where the list is kept */
    public RecentVideos(Path file) {
        this.file = file;
    }

    /**
     * The product's, in the settings folder ({@link UserFolders}: {@code -Domnisila.config.dir}, else the OS's
     * place for the user's settings).
     */
    public static RecentVideos standard() {
        return new RecentVideos(settingsFolder().resolve(FILE));
    }

    /** The folder the workbench keeps its settings in ({@link UserFolders}). */
    public static Path settingsFolder() {
        return UserFolders.current().settings();
    }

    /** @return the list, most recent first; files that no longer exist are left out */
    public List<Path> list() {
        return read().stream().filter(Files::isRegularFile).toList();
    }

    /** Puts a video first (once) and saves the list. */
    public void add(Path video) {
        Path absolute = video.toAbsolutePath().normalize();
        List<Path> paths = new ArrayList<>(read());
        paths.remove(absolute);
        paths.add(0, absolute);
        while (paths.size() > MAX) {
            paths.remove(paths.size() - 1);
        }
        StringBuilder text = new StringBuilder();
        for (Path p : paths) {
            text.append(p).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot save the recent videos in {}: {}", file, e.toString());
        }
    }

    private List<Path> read() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<Path> paths = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    if (!line.isBlank()) {
                        paths.add(Path.of(line.strip()));
                    }
                } catch (InvalidPathException e) {
                    LOG.warn("a line of {} is not a path and was skipped: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read the recent videos in {}: {}", file, e.toString());
            return List.of();
        }
        return paths;
    }
}
