package org.omnisila.annotator.project;

import java.util.List;

/**
 * What a relink found.
 *
 * @param found        how many missing videos were found again (their paths now point into the folder)
 * @param stillMissing the paths of the videos that are still missing, as the project knows them
 */
public record RelinkReport(int found, List<String> stillMissing) {

    /** Copies the list (unmodifiable). */
    public RelinkReport {
        stillMissing = List.copyOf(stillMissing);
    }

    /** How many videos are still missing. */
    public int missing() {
        return stillMissing.size();
    }
}
