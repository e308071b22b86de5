package org.omnisila.annotator.review;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An item the raters judged differently.
 *
 * @param itemKey     the item's origin key
 * @param itemId      the item's id in the project, when the report is of a project; else null
 * @param judgements  each rater's judgement, in the report's order of raters (raters who did not judge it left out)
 * @param categories  how many different categories (labels, or "rejected") the raters gave; 2 or more is a label
 *                    disagreement
 * @param lowestTiou  the lowest tIoU between two raters who both kept it; null when fewer than two kept it
 */
public record Disagreement(String itemKey, Long itemId, Map<String, Judgement> judgements, int categories,
                           Double lowestTiou) {

    /** Copies the judgements (unmodifiable, order kept). */
    public Disagreement {
        judgements = Collections.unmodifiableMap(new LinkedHashMap<>(judgements));
    }

    /** Whether the raters gave different labels (or one kept what another rejected). */
    public boolean labelsDiffer() {
        return categories > 1;
    }
}
