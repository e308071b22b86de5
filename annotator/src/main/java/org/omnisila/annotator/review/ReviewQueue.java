package org.omnisila.annotator.review;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemQueries;

/**
 * The review queue: the items a {@link QueueQuery} shows, in its order, and how many each filter would show
 * (docs/annotation-guide.md, "Queue"). Everything is worked out by SQLite over the project's indexes, so that a
 * project of 100,000 items answers in well under a second; a view that lists long queues takes {@link #ids} and
 * reads the items it shows with {@link #items(QueueQuery, int, int)} or {@link AnnotationProject#item}.
 */
public final class ReviewQueue {

    /** The confidence of an item: of its latest model opinion, else its own score; NULL for neither. */
    static final String CONFIDENCE = "COALESCE((SELECT m.confidence FROM model_opinions m WHERE m.item_id = i.id"
            + " ORDER BY m.at DESC, m.rowid DESC LIMIT 1), i.score)";

    /** The tIoU of the peer's segment p and the item's i, as {@link Judgement#tIoU(double, double, double, double)}. */
    private static final String TIOU = "(CASE WHEN MAX(p.end_s, i.end_s) - MIN(p.start_s, i.start_s) = 0 THEN 1.0"
            + " ELSE MAX(0.0, MIN(p.end_s, i.end_s) - MAX(p.start_s, i.start_s))"
            + " / (MAX(p.end_s, i.end_s) - MIN(p.start_s, i.start_s)) END)";

    /** Whether a peer judged the (reviewed) item otherwise, as {@link Judgement#disagreesWith}. */
    static final String DISAGREEMENT = "(i.state <> 'unreviewed' AND EXISTS (SELECT 1 FROM peer_reviews p"
            + " WHERE p.origin_key = i.origin_key AND ((p.state = 'rejected') <> (i.state = 'rejected')"
            + " OR (p.state <> 'rejected' AND i.state <> 'rejected'"
            + " AND (p.label IS NOT i.label OR " + TIOU + " < " + Judgement.SEGMENT_AGREEMENT + ")))))";

    private final AnnotationProject project;

    /** @param project the open project whose items are queued */
    public ReviewQueue(AnnotationProject project) {
        this.project = project;
    }

    /** The items the query shows, in its order. */
    public List<Item> items(QueueQuery query) {
        return items(query, 0, Integer.MAX_VALUE);
    }

    /**
     * A page of the queue.
     *
     * @param offset how many items of the queue to pass over; 0 or more
     * @param limit  how many to return at most; 0 or more
     */
    public List<Item> items(QueueQuery query, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must be 0 or more, but were " + offset + " and "
                    + limit);
        }
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT " + ItemQueries.COLUMNS + orderColumn(query)
                + " FROM items i JOIN videos v ON v.id = i.video_id" + where(query, parameters) + orderBy(query)
                + " LIMIT ? OFFSET ?";
        parameters.add(limit);
        parameters.add(offset);
        return project.readTables("list the review queue",
                db -> db.query(sql, ItemQueries::item, parameters.toArray()));
    }

    /** The ids of the items the query shows, in its order: cheap even for 100,000 items. */
    public long[] ids(QueueQuery query) {
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT i.id" + orderColumn(query) + " FROM items i" + where(query, parameters)
                + orderBy(query);
        List<Long> ids = project.readTables("list the review queue",
                db -> db.query(sql, r -> r.getLong(1), parameters.toArray()));
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** How many items each {@link QueueQuery.Show} would show, with the label, video and threshold of all(). */
    public Map<QueueQuery.Show, Integer> counts() {
        return counts(QueueQuery.all());
    }

    /**
     * How many items each {@link QueueQuery.Show} would show with the query's label, video and threshold (its show
     * and order do not matter), for the filter chips.
     */
    public Map<QueueQuery.Show, Integer> counts(QueueQuery query) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(query.lowConfidenceBelow());
        String sql = "SELECT COUNT(*), TOTAL(i.state = 'unreviewed'), TOTAL(i.state = 'rejected'), TOTAL("
                + DISAGREEMENT + "), TOTAL(" + CONFIDENCE + " < ?) FROM items i"
                + where(query.withShow(QueueQuery.Show.ALL), parameters);
        return project.readTables("count the review queue", db -> db.first(sql, r -> {
            Map<QueueQuery.Show, Integer> counts = new EnumMap<>(QueueQuery.Show.class);
            counts.put(QueueQuery.Show.ALL, r.getInt(1));
            counts.put(QueueQuery.Show.UNREVIEWED, r.getInt(2));
            counts.put(QueueQuery.Show.REJECTED, r.getInt(3));
            counts.put(QueueQuery.Show.DISAGREEMENT, r.getInt(4));
            counts.put(QueueQuery.Show.LOW_CONFIDENCE, r.getInt(5));
            return counts;
        }, parameters.toArray()).orElseThrow());
    }

    private static String where(QueueQuery query, List<Object> parameters) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        switch (query.show()) {
            case ALL -> { }
            case UNREVIEWED -> sql.append(" AND i.state = 'unreviewed'");
            case REJECTED -> sql.append(" AND i.state = 'rejected'");
            case DISAGREEMENT -> sql.append(" AND ").append(DISAGREEMENT);
            case LOW_CONFIDENCE -> {
                sql.append(" AND ").append(CONFIDENCE).append(" < ?");
                parameters.add(query.lowConfidenceBelow());
            }
        }
        if (query.label() != null) {
            sql.append(" AND i.label = ?");
            parameters.add(query.label());
        }
        if (query.videoId() != null) {
            sql.append(" AND i.video_id = ?");
            parameters.add(query.videoId());
        }
        return sql.toString();
    }

    /** The column the order needs besides the item's, selected after them. */
    private static String orderColumn(QueueQuery query) {
        return query.order() == QueueQuery.Order.MODEL_UNCERTAINTY ? ", " + CONFIDENCE + " AS queue_confidence" : "";
    }

    private static String orderBy(QueueQuery query) {
        return switch (query.order()) {
            case VIDEO_TIME -> " ORDER BY i.video_id, i.start_s, i.id";
            // Most uncertain first is least confident first; NULL (neither opinion nor score) last.
            case MODEL_UNCERTAINTY -> " ORDER BY queue_confidence IS NULL, queue_confidence, i.video_id, i.start_s,"
                    + " i.id";
        };
    }
}
