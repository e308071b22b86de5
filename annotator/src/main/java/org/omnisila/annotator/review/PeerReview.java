package org.omnisila.annotator.review;

import java.time.Instant;
import org.omnisila.annotator.project.ItemState;

/**
 * Another annotator's judgement of an item, imported from their copy of the project.
 *
 * @param originKey  the item's origin key in this project
 * @param annotator  who judged it (who last changed the item's state in their copy)
 * @param fromFile   the copy it was imported from, as given to the import (absolute)
 * @param label      the label they kept; may be null
 * @param start      the segment's start they kept, seconds
 * @param end        its end, seconds
 * @param state      their verdict: accepted, edited or rejected
 * @param rating     their rationality rating 1-6, or null
 * @param importedAt when it was imported
 */
public record PeerReview(String originKey, String annotator, String fromFile, String label, double start,
                         double end, ItemState state, Integer rating, Instant importedAt) {

    /** The verdict as agreement compares it. */
    public Judgement judgement() {
        return new Judgement(label, start, end, state == ItemState.REJECTED);
    }
}
