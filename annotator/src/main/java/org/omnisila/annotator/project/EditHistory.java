package org.omnisila.annotator.project;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Edits items and keeps the history that undo and redo walk, in the project file, so that it outlives the window.
 * The history is one line of steps shared by everyone who opens the project: undo takes back the last step still
 * done, redo makes again the first undone one, and a new edit discards the undone steps (they can no longer be
 * redone), as in any editor. Each edit, undo and redo is one transaction that also writes the audit log.
 *
 * <p>Methods must be called inside a transaction ({@link Database#transaction}).
 */
final class EditHistory {

    private final Database db;
    private final long sessionId;
    private final Clock clock;
    private final ItemQueries items;
    private final AuditLog audit;

    EditHistory(Database db, long sessionId, Clock clock, ItemQueries items, AuditLog audit) {
        this.db = db;
        this.sessionId = sessionId;
        this.clock = clock;
        this.items = items;
        this.audit = audit;
    }

    /**
     * Sets fields of one item as one step.
     *
     * @return the step, or empty when every value was already the item's
     * @throws IllegalArgumentException for an unknown item, a value the field does not accept, or an end before the
     *                                  start; nothing is changed then
     */
    Optional<EditStep> edit(long itemId, Map<ItemField, ?> values) throws SQLException {
        Item item = items.require(itemId);
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<ItemField, ?> value : values.entrySet()) {
            ItemField field = value.getKey();
            Object stored = field.toStored(value.getValue());
            Object current = field.toStored(item.get(field));
            if (!ItemField.same(current, stored)) {
                changes.add(new Change(itemId, field, current, stored));
            }
        }
        checkSpan(item, changes);
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        Instant at = clock.instant();
        db.update("UPDATE edit_steps SET status = 'discarded' WHERE status = 'undone'");
        long step = db.insert("INSERT INTO edit_steps (session_id, at, status) VALUES (?, ?, 'done')", sessionId,
                Timestamps.format(at));
        for (Change change : changes) {
            db.update("INSERT INTO edit_changes (step_id, item_id, field, old_value, new_value) VALUES (?, ?, ?, ?, ?)",
                    step, itemId, change.field().fieldName(), change.oldValue(), change.newValue());
            audit.item(AuditAction.EDIT, at, itemId, change.field(), change.oldValue(), change.newValue());
        }
        apply(itemId, changes, true);
        return Optional.of(new EditStep(step, at, changes));
    }

    /** Takes back the last step still done; empty when there is none. */
    Optional<EditStep> undo() throws SQLException {
        Optional<EditStep> step = step("done", "DESC");
        if (step.isPresent()) {
            move(step.get(), AuditAction.UNDO, "undone");
        }
        return step;
    }

    /** Makes again the first undone step; empty when there is none. */
    Optional<EditStep> redo() throws SQLException {
        Optional<EditStep> step = step("undone", "ASC");
        if (step.isPresent()) {
            move(step.get(), AuditAction.REDO, "done");
        }
        return step;
    }

    /**
     * The item as it was imported: each field that steps still done have changed set back to the value before the
     * oldest of them (the done steps, in order, lead from the import to the item as it is).
     */
    Item asImported(Item item) throws SQLException {
        List<Map.Entry<ItemField, Object>> before = db.query("SELECT c.field, c.old_value FROM edit_changes c"
                        + " JOIN edit_steps s ON s.id = c.step_id WHERE c.item_id = ? AND s.status = 'done'"
                        + " ORDER BY c.step_id DESC",
                r -> new java.util.AbstractMap.SimpleImmutableEntry<>(ItemField.of(r.getString(1)), r.getObject(2)),
                item.id());
        Item original = item;
        for (Map.Entry<ItemField, Object> value : before) { // newest first: the oldest of a field is applied last
            original = original.with(value.getKey(), value.getValue());
        }
        return original;
    }

    boolean canUndo() throws SQLException {
        return exists("done");
    }

    boolean canRedo() throws SQLException {
        return exists("undone");
    }

    /** Applies a step backwards (undo) or forwards (redo), checking that each field still holds what it left. */
    private void move(EditStep step, AuditAction action, String newStatus) throws SQLException {
        boolean forward = action == AuditAction.REDO;
        Instant at = clock.instant();
        Map<Long, List<Change>> byItem = new LinkedHashMap<>();
        for (Change change : step.changes()) {
            Object from = forward ? change.oldValue() : change.newValue();
            Object to = forward ? change.newValue() : change.oldValue();
            Object current = change.field().toStored(items.require(change.itemId()).get(change.field()));
            if (!ItemField.same(current, from)) {
                // Only possible if the file was changed by another tool: refuse rather than overwrite that change.
                throw new ProjectException(db.name() + ": cannot " + action.dbName() + " edit " + step.id()
                        + ": item " + change.itemId() + "'s " + change.field().fieldName() + " is " + current
                        + ", not " + from + " as the history expects (was the file changed by another tool?)");
            }
            audit.item(action, at, change.itemId(), change.field(), from, to);
            byItem.computeIfAbsent(change.itemId(), id -> new ArrayList<>()).add(change);
        }
        for (Map.Entry<Long, List<Change>> item : byItem.entrySet()) {
            apply(item.getKey(), item.getValue(), forward);
        }
        db.update("UPDATE edit_steps SET status = ? WHERE id = ?", newStatus, step.id());
    }

    private Optional<EditStep> step(String status, String order) throws SQLException {
        Optional<Long> id = db.first("SELECT id FROM edit_steps WHERE status = ? ORDER BY id " + order + " LIMIT 1",
                r -> r.getLong(1), status);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Instant at = Timestamps.parse(db.first("SELECT at FROM edit_steps WHERE id = ?", r -> r.getString(1),
                id.get()).orElseThrow());
        List<Change> changes = db.query("SELECT item_id, field, old_value, new_value FROM edit_changes"
                        + " WHERE step_id = ? ORDER BY rowid",
                r -> change(r.getLong(1), ItemField.of(r.getString(2)), r.getObject(3), r.getObject(4)), id.get());
        return Optional.of(new EditStep(id.get(), at, changes));
    }

    private static Change change(long itemId, ItemField field, Object oldValue, Object newValue) {
        return new Change(itemId, field, field.toStored(oldValue), field.toStored(newValue));
    }

    private boolean exists(String status) throws SQLException {
        return db.first("SELECT 1 FROM edit_steps WHERE status = ? LIMIT 1", r -> true, status).isPresent();
    }

    /**
     * Writes the new (forward) or old values of one item's changes in one statement: SQLite checks a row's
     * constraints after each statement, and a segment moved field by field could pass through an end before its start.
     */
    private void apply(long itemId, List<Change> changes, boolean forward) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE items SET ");
        Object[] values = new Object[changes.size() + 1];
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            sql.append(i == 0 ? "" : ", ").append(change.field().column()).append(" = ?");
            values[i] = forward ? change.newValue() : change.oldValue();
        }
        values[changes.size()] = itemId;
        db.update(sql.append(" WHERE id = ?").toString(), values);
    }

    /** The segment after the changes must still end at or after its start. */
    private static void checkSpan(Item item, List<Change> changes) {
        double start = item.start();
        double end = item.end();
        for (Change change : changes) {
            if (change.field() == ItemField.START) {
                start = (Double) change.newValue();
            } else if (change.field() == ItemField.END) {
                end = (Double) change.newValue();
            }
        }
        if (end < start) {
            throw new IllegalArgumentException("item " + item.id() + " would end (" + end + " s) before it starts ("
                    + start + " s); set start and end together to move a segment");
        }
    }
}
