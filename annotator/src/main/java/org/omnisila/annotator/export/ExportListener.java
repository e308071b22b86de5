package org.omnisila.annotator.export;

/** Progress of one export, for a progress bar or the console. */
@FunctionalInterface
public interface ExportListener {
    /**
     * @param done  steps done (an item's media and entries, a video's scene features), never decreasing
     * @param total steps in all; done equals total once everything is written
     */
    void progress(int done, int total);

    ExportListener SILENT = (done, total) -> { };
}
