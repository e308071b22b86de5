package org.omnisila.annotator.review;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What an import of another annotator's copy did.
 *
 * @param file             the copy
 * @param judgements       judgements stored, by annotator (sorted by name)
 * @param notInThisProject reviewed items of the copy that this project does not have (another video, or an item
 *                         imported only there); skipped
 */
public record PeerImportReport(Path file, Map<String, Integer> judgements, int notInThisProject) {

    /** Copies the counts (unmodifiable, sorted by annotator). */
    public PeerImportReport {
        judgements = java.util.Collections.unmodifiableMap(new TreeMap<>(judgements));
    }

    /** All judgements stored. */
    public int total() {
        return judgements.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One line for the annotator, e.g. {@code bob.sila: 120 judgements by Bob; 3 items not in this project}. */
    public String summary() {
        String who = judgements.isEmpty() ? "no reviewed items"
                : judgements.entrySet().stream().map(e -> e.getValue() + (e.getValue() == 1 ? " judgement" : " judgements")
                        + " by " + e.getKey()).collect(Collectors.joining(", "));
        return file.getFileName() + ": " + who + (notInThisProject == 0 ? ""
                : "; " + notInThisProject + (notInThisProject == 1 ? " item" : " items") + " not in this project,"
                        + " skipped");
    }
}
