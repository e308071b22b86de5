package org.omnisila.annotator.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.annotator.project.ProjectException;
import org.omnisila.annotator.project.Video;

/**
 * Other annotators' judgements of this project's items (table {@code peer_reviews}), imported from their copies of
 * the project, for the disagreement filter of the queue and for agreement statistics (docs/annotation-guide.md,
 * "Agreement").
 *
 * <p>An item of a copy is matched with this project's item of the same origin (video, span, label and provenance as
 * imported, which edits never change); the video is matched by its hash, else its path, else its file name, so
 * copies that imported the same files in another order still match.
 */
public final class PeerReviews {

    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final String SELECT = "SELECT origin_key, annotator, from_file, label, start_s, end_s, state,"
            + " rating, imported_at FROM peer_reviews";

    private final AnnotationProject project;
    private final Clock clock;

    /** @param project the open project */
    public PeerReviews(AnnotationProject project) {
        this(project, Clock.systemUTC());
    }

    /** With a clock, so that tests can state the import time. */
    PeerReviews(AnnotationProject project, Clock clock) {
        this.project = project;
        this.clock = clock;
    }

    /**
     * Imports the judgements of another annotator's copy of the project: each item reviewed there (accepted, edited
     * or rejected), under the name of who last changed its state. The copy is only read: it may be open in its
     * owner's window, its lock is not taken, its schema is not migrated. Importing a copy again replaces what it, or
     * its annotators, gave before, in one transaction.
     *
     * @throws ProjectException when the file is this project itself, is missing, or is not an annotation project
     */
    public PeerImportReport importFrom(Path otherProjectFile) {
        Path file = otherProjectFile.toAbsolutePath().normalize();
        if (isThisProject(file)) {
            throw new ProjectException(file + " is this project itself; import another annotator's copy of it");
        }
        PeerFile.Contents contents = PeerFile.read(file);
        Map<Long, Long> videoIds = matchVideos(contents.videos());
        Instant now = clock.instant();
        return project.writeTables("import the judgements of " + file, db -> {
            Set<String> known = new java.util.HashSet<>(db.query("SELECT origin_key FROM items", r -> r.getString(1)));
            Map<String, Integer> counts = new TreeMap<>();
            List<Object[]> rows = new ArrayList<>();
            int missing = 0;
            for (PeerFile.Reviewed item : contents.items()) {
                Long ours = videoIds.get(item.videoId());
                String key = ours == null ? null : localKey(item.originKey(), ours);
                if (key == null || !known.contains(key)) {
                    missing++;
                    continue;
                }
                counts.merge(item.annotator(), 1, Integer::sum);
                rows.add(new Object[] {key, item.annotator(), file.toString(), item.label(), item.start(), item.end(),
                        item.state().dbName(), item.rating(), AT.format(now)});
            }
            db.update("DELETE FROM peer_reviews WHERE from_file = ?", file.toString());
            for (String annotator : counts.keySet()) {
                db.update("DELETE FROM peer_reviews WHERE annotator = ?", annotator);
            }
            for (Object[] row : rows) {
                // OR REPLACE: two videos of the copy matched to one of ours (a file imported twice there) give one row
                db.update("INSERT OR REPLACE INTO peer_reviews (origin_key, annotator, from_file, label, start_s, end_s, state,"
                        + " rating, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row);
            }
            return new PeerImportReport(file, counts, missing);
        });
    }

    /** The peers' judgements of one item, by annotator. */
    public List<PeerReview> of(long itemId) {
        String key = project.item(itemId).originKey();
        return project.readTables("read the peers' judgements of item " + itemId,
                db -> db.query(SELECT + " WHERE origin_key = ? ORDER BY annotator", PeerReviews::review, key));
    }

    /** Every imported judgement, by annotator, then origin key. */
    public List<PeerReview> all() {
        return project.readTables("read the peers' judgements",
                db -> db.query(SELECT + " ORDER BY annotator, origin_key", PeerReviews::review));
    }

    /** The annotators whose judgements were imported, sorted. */
    public List<String> annotators() {
        return project.readTables("read the peers' names",
                db -> db.query("SELECT DISTINCT annotator FROM peer_reviews ORDER BY annotator", r -> r.getString(1)));
    }

    private static PeerReview review(ResultSet r) throws SQLException {
        int rating = r.getInt(8);
        Integer nullableRating = r.wasNull() ? null : rating;
        return new PeerReview(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getDouble(5),
                r.getDouble(6), ItemState.of(r.getString(7)), nullableRating, Instant.parse(r.getString(9)));
    }

    /** The copy's origin key with its video id replaced by ours: the key is {@code videoId|start|end|...}. */
    private static String localKey(String peerKey, long ourVideoId) {
        int bar = peerKey.indexOf('|');
        return bar < 0 ? null : ourVideoId + peerKey.substring(bar);
    }

    /** The copy's video ids mapped to ours: by hash, else by path, else by a file name only one of ours has. */
    private Map<Long, Long> matchVideos(List<PeerFile.PeerVideo> theirs) {
        Map<String, Long> byHash = new HashMap<>();
        Map<String, Long> byPath = new HashMap<>();
        Map<String, List<Long>> byName = new HashMap<>();
        for (Video video : project.videos()) {
            if (video.sha256() != null) {
                byHash.put(video.sha256(), video.id());
            }
            byPath.putIfAbsent(video.path(), video.id());
            byName.computeIfAbsent(fileName(video.path()), n -> new ArrayList<>()).add(video.id());
        }
        Map<Long, Long> match = new HashMap<>();
        for (PeerFile.PeerVideo video : theirs) {
            Long ours = video.sha256() != null ? byHash.get(video.sha256()) : null;
            if (ours == null) {
                ours = byPath.get(video.path());
            }
            if (ours == null) {
                List<Long> named = byName.get(fileName(video.path()));
                ours = named != null && named.size() == 1 ? named.get(0) : null;
            }
            if (ours != null) {
                match.put(video.id(), ours);
            }
        }
        return match;
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    private boolean isThisProject(Path file) {
        try {
            return Files.exists(file) && Files.isSameFile(file, project.file());
        } catch (IOException e) {
            return false;
        }
    }
}
