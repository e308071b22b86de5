package org.omnisila.annotator.importer;

/** Progress of one import, for a progress bar or the console. */
@FunctionalInterface
public interface ImportListener {
    /**
     * @param entries  entries (lines, segments) read so far
     * @param fraction of the file read, 0..1, never decreasing; 1 once everything is read
     */
    void progress(int entries, double fraction);

    ImportListener SILENT = (entries, fraction) -> { };
}
