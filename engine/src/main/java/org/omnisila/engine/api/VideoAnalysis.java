package org.omnisila.engine.api;

import java.util.List;

/**
 * The complete result of analysing one video: what sentiment occurs, when, and why. This is the
 * root of the result JSON ({@link ResultJson}, documented in docs/formats.md).
 *
 * <p>An instance in memory is always of the current {@link #SCHEMA_VERSION}; files of older
 * versions are migrated by {@link ResultJson} when read.
 *
 * @param schemaVersion version of the result format; always {@link #SCHEMA_VERSION}
 * @param video         the analysed video
 * @param model         the model that analysed it
 * @param segments      per-segment results in video order; element i has index i; may be empty
 * @param located       located sentiments (the paper's (t_i, s_i, c_i)) in the order the engine
 *                      emitted them (by start time); may be empty
 * @param warnings      problems in the video the analysis went past, in time order (since schema 2); may be
 *                      empty
 */
public record VideoAnalysis(
        int schemaVersion,
        VideoInfo video,
        ModelInfo model,
        List<SegmentResult> segments,
        List<LocatedSentiment> located,
        List<AnalysisWarning> warnings) {

    /**
     * The result format's version. Bump it whenever a field is added, removed, renamed or changes
     * meaning: readers reject unknown fields, so a file with new fields must announce itself.
     */
    public static final int SCHEMA_VERSION = 2;

    /** Validates the version and the parts, and copies the lists (unmodifiable). */
    public VideoAnalysis {
        if (schemaVersion != SCHEMA_VERSION) {
            throw Checks.invalid("schemaVersion", "schemaVersion " + schemaVersion
                    + " is not the current version " + SCHEMA_VERSION);
        }
        Checks.required("video", video);
        Checks.required("model", model);
        segments = Checks.listCopy("segments", segments);
        located = Checks.listCopy("located", located);
        warnings = Checks.listCopy("warnings", warnings);
        for (int i = 0; i < segments.size(); i++) {
            int index = segments.get(i).index();
            if (index != i) {
                throw Checks.invalid("segments[" + i + "].index", "segments[" + i + "].index is " + index
                        + " but must equal its position " + i);
            }
        }
    }

    /** An analysis of the current schema version. */
    public VideoAnalysis(VideoInfo video, ModelInfo model, List<SegmentResult> segments,
                         List<LocatedSentiment> located, List<AnalysisWarning> warnings) {
        this(SCHEMA_VERSION, video, model, segments, located, warnings);
    }

    /** An analysis of the current schema version of a video decoded without problems. */
    public VideoAnalysis(VideoInfo video, ModelInfo model, List<SegmentResult> segments,
                         List<LocatedSentiment> located) {
        this(video, model, segments, located, List.of());
    }
}
