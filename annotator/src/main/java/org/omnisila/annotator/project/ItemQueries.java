package org.omnisila.annotator.project;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads items, with their video's path, from the project. */
public final class ItemQueries {

    /**
     * The columns {@link #item(ResultSet)} reads, in its order, from {@code items i JOIN videos v}: other queries of
     * the annotator (the review queue) select them too, with their own conditions and order.
     */
    public static final String COLUMNS = "i.id, i.video_id, v.path, i.start_s, i.end_s, i.frame_time, i.label,"
            + " i.face, i.action, i.object, i.background, i.summary, i.source, i.generator, i.generator_version,"
            + " i.score, i.state, i.rating, i.face_state, i.action_state, i.object_state, i.background_state,"
            + " i.origin_key";

    private static final String SELECT = "SELECT " + COLUMNS + " FROM items i JOIN videos v ON v.id = i.video_id";

    private final Database db;

    ItemQueries(Database db) {
        this.db = db;
    }

    /** The items a filter keeps, by video, then start, then id. */
    List<Item> find(ItemFilter filter) throws SQLException {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (!filter.states().isEmpty()) {
            sql.append(" AND i.state IN (");
            for (ItemState state : ItemState.values()) {
                if (filter.states().contains(state)) {
                    sql.append(parameters.isEmpty() ? "?" : ", ?");
                    parameters.add(state.dbName());
                }
            }
            sql.append(')');
        }
        if (filter.label() != null) {
            sql.append(" AND i.label = ?");
            parameters.add(filter.label());
        }
        if (filter.videoId() != null) {
            sql.append(" AND i.video_id = ?");
            parameters.add(filter.videoId());
        }
        if (filter.source() != null) {
            sql.append(" AND i.source = ?");
            parameters.add(filter.source().dbName());
        }
        sql.append(" ORDER BY i.video_id, i.start_s, i.id");
        return db.query(sql.toString(), ItemQueries::item, parameters.toArray());
    }

    /** One item, if the project has it. */
    Optional<Item> byId(long id) throws SQLException {
        return db.first(SELECT + " WHERE i.id = ?", ItemQueries::item, id);
    }

    /** One item, or a message naming the id. */
    Item require(long id) throws SQLException {
        return byId(id).orElseThrow(() -> new IllegalArgumentException("the project has no item " + id));
    }

    /** The item of the current row of a query that selects {@link #COLUMNS} first. */
    public static Item item(ResultSet r) throws SQLException {
        return new Item(r.getLong(1), r.getLong(2), r.getString(3), r.getDouble(4), r.getDouble(5),
                nullableDouble(r, 6), r.getString(7),
                new Aspects(r.getString(8), r.getString(9), r.getString(10), r.getString(11)), r.getString(12),
                ItemSource.of(r.getString(13)), r.getString(14), r.getString(15), nullableDouble(r, 16),
                ItemState.of(r.getString(17)), nullableInt(r, 18),
                new AspectStates(ItemState.of(r.getString(19)), ItemState.of(r.getString(20)),
                        ItemState.of(r.getString(21)), ItemState.of(r.getString(22))), r.getString(23));
    }

    static Double nullableDouble(ResultSet r, int column) throws SQLException {
        double value = r.getDouble(column);
        return r.wasNull() ? null : value;
    }

    private static Integer nullableInt(ResultSet r, int column) throws SQLException {
        int value = r.getInt(column);
        return r.wasNull() ? null : value;
    }
}
