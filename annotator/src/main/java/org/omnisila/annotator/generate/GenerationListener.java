package org.omnisila.annotator.generate;

import java.nio.file.Path;

/** Progress of a generation, told on the generating thread, for a progress bar or the console. */
public interface GenerationListener {

    /**
     * A segment is settled: answered, found done before, or failed.
     *
     * @param video the video
     * @param done  segments of this video settled so far
     * @param total segments of this video
     */
    void progress(Path video, int done, int total);

    /** A segment failed and was skipped. */
    void failed(SegmentFailure failure);

    /** Tells nothing. */
    GenerationListener SILENT = new GenerationListener() {
        @Override
        public void progress(Path video, int done, int total) {
        }

        @Override
        public void failed(SegmentFailure failure) {
        }
    };
}
