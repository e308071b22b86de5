package org.omnisila.annotator.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.omnisila.engine.models.Sha256;

/**
 * Finds videos that moved: each video whose file is no longer at its path is looked for under a folder (and its
 * subfolders). A video with a known hash is found by content, so a renamed file is found too; files named like the
 * missing video are hashed first, the others only while something is still missing. A video without a hash (ground
 * truth names videos by id) is found by name: the one file whose name, or name without extension, is the video's;
 * its hash is recorded then, so that later relinks go by content.
 */
final class Relinker {

    /** A video found again: its new path and its hash. */
    record Found(Video video, Path file, String sha256) {
    }

    private final Map<Path, String> hashes = new HashMap<>();

    /**
     * @param videos every video of the project
     * @param folder where to look
     * @return the videos found, in the order of {@code videos}
     * @throws IOException when the folder or a file in it cannot be read
     */
    List<Found> find(List<Video> videos, Path folder) throws IOException {
        List<Video> missing = videos.stream().filter(v -> !exists(v.path())).toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        }
        Map<Video, Found> found = new LinkedHashMap<>();
        findByHash(missing.stream().filter(v -> v.sha256() != null).toList(), files, found);
        for (Video video : missing) {
            if (video.sha256() == null) {
                List<Path> named = files.stream().filter(f -> sameName(video.path(), f)).toList();
                if (named.size() == 1) {
                    found.put(video, new Found(video, named.get(0), hash(named.get(0))));
                }
            }
        }
        return missing.stream().filter(found::containsKey).map(found::get).toList();
    }

    private void findByHash(List<Video> missing, List<Path> files, Map<Video, Found> found) throws IOException {
        Map<String, Video> byHash = new HashMap<>();
        missing.forEach(v -> byHash.put(v.sha256(), v));
        Set<Path> order = new LinkedHashSet<>();
        files.stream().filter(f -> missing.stream().anyMatch(v -> sameName(v.path(), f))).forEach(order::add);
        order.addAll(files);
        for (Path file : order) {
            if (byHash.isEmpty()) {
                return;
            }
            Video video = byHash.remove(hash(file));
            if (video != null) {
                found.put(video, new Found(video, file, video.sha256()));
            }
        }
    }

    private String hash(Path file) throws IOException {
        String known = hashes.get(file);
        if (known == null) {
            known = Sha256.of(file);
            hashes.put(file, known);
        }
        return known;
    }

    /** Whether a stored path names an existing file (ground-truth ids, and paths from another system, do not). */
    static boolean exists(String path) {
        try {
            return Files.isRegularFile(Path.of(path));
        } catch (InvalidPathException notAPathHere) {
            return false;
        }
    }

    /** Whether a file is named as the stored path: the same file name, or the same name without its extension. */
    private static boolean sameName(String storedPath, Path file) {
        String stored = lastPart(storedPath);
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return name.equals(stored) || (dot > 0 && name.substring(0, dot).equals(stored));
    }

    private static String lastPart(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }
}
