package org.omnisila.annotator.project;

import java.time.Instant;
import java.util.List;

/**
 * One user action in the edit history: the changes it made, undone and redone as a whole.
 *
 * @param id      its id in the history
 * @param at      when the edit was made
 * @param changes the changed fields, old and new values as the edit made them (also when this step is returned by
 *                undo: what is undone)
 */
public record EditStep(long id, Instant at, List<Change> changes) {

    /** Copies the changes (unmodifiable). */
    public EditStep {
        changes = List.copyOf(changes);
    }
}
