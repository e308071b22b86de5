package org.omnisila.annotator.project;

/**
 * One field of one item changed by an edit step.
 *
 * @param itemId   the item
 * @param field    the field
 * @param oldValue the value before the edit, as stored ({@link ItemField})
 * @param newValue the value after it
 */
public record Change(long itemId, ItemField field, Object oldValue, Object newValue) {
}
