package org.omnisila.annotator.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * What a generation did.
 *
 * @param segments       segments it was asked for
 * @param added          attributions added to the project
 * @param alreadyPresent segments skipped because the project had this model's attribution of them already (from an
 *                       earlier run or an import), so they were not asked again
 * @param failures       segments that got no attribution, in order, with why
 * @param cancelled      whether it was cancelled; what was answered before is kept
 * @param stopReason     why it stopped early without being cancelled (the key was refused, ...), or null
 */
public record GenerationReport(int segments, int added, int alreadyPresent, List<SegmentFailure> failures,
                               boolean cancelled, String stopReason) {

    /** Copies the failures. */
    public GenerationReport {
        failures = List.copyOf(failures);
    }

    /** Nothing done yet. */
    public static GenerationReport empty() {
        return new GenerationReport(0, 0, 0, List.of(), false, null);
    }

    /** Whether it went through to the end: not cancelled, not stopped. */
    public boolean completed() {
        return !cancelled && stopReason == null;
    }

    /** This and a later report together (the later one's stop reason wins). */
    public GenerationReport plus(GenerationReport later) {
        List<SegmentFailure> all = new ArrayList<>(failures);
        all.addAll(later.failures);
        return new GenerationReport(segments + later.segments, added + later.added,
                alreadyPresent + later.alreadyPresent, all, cancelled || later.cancelled,
                later.stopReason != null ? later.stopReason : stopReason);
    }

    /** One line: {@code 12 segments: 10 added, 1 already in the project, 1 failed}. */
    public String summary() {
        String line = segments + (segments == 1 ? " segment: " : " segments: ") + added + " added, "
                + alreadyPresent + " already in the project, " + failures.size() + " failed";
        if (cancelled) {
            line += "; cancelled (what was answered before is kept)";
        } else if (stopReason != null) {
            line += "; stopped: " + stopReason;
        }
        return line;
    }
}
