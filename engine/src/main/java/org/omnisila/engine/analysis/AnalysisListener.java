package org.omnisila.engine.analysis;

/** Progress of one analysis, for a progress bar or the console. */
@FunctionalInterface
public interface AnalysisListener {
    /**
     * @param phase    what runs now ("decoding and scene extraction", "model")
     * @param fraction of the whole analysis done, 0..1, never decreasing
     */
    void progress(String phase, double fraction);

    AnalysisListener SILENT = (p, f) -> { };
}
