package org.omnisila.annotator.project;

import java.time.Instant;

/**
 * One line of the audit log: who changed what, when.
 *
 * @param id        its id (entries are in the order they were made)
 * @param at        when
 * @param annotator who, as named when the project was opened
 * @param host      on which machine
 * @param action    what kind of change
 * @param itemId    the item changed; null for a relinked video
 * @param videoId   the video relinked; null for item changes
 * @param field     the field ({@link ItemField#fieldName()}, or {@code "path"} for a video)
 * @param oldValue  the value before, as text; null for none
 * @param newValue  the value after, as text; null for none
 */
public record AuditEntry(long id, Instant at, String annotator, String host, AuditAction action, Long itemId,
                         Long videoId, String field, String oldValue, String newValue) {
}
