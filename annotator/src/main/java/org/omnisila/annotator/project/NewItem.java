package org.omnisila.annotator.project;

/**
 * An item as an importer hands it to the project: all of {@link Item} that is known before review.
 *
 * @param videoId          the video, from {@link ImportBatch#video}
 * @param start            segment start, seconds; finite, &gt;= 0
 * @param end              segment end, seconds; finite, &gt;= start
 * @param frameTime        the frame described, when the source gave one frame; else null
 * @param label            the sentiment label; may be null
 * @param aspects          the four scene aspects; not null
 * @param summary          the summary; may be null
 * @param source           where it comes from; not null
 * @param generator        what produced it; not blank
 * @param generatorVersion the generator's version; not null, empty when unknown
 * @param score            confidence in [0, 1], or null
 */
public record NewItem(long videoId, double start, double end, Double frameTime, String label, Aspects aspects,
                      String summary, ItemSource source, String generator, String generatorVersion, Double score) {

    /** Validates the span, score and provenance. */
    public NewItem {
        if (!Double.isFinite(start) || start < 0 || !Double.isFinite(end) || end < start) {
            throw new IllegalArgumentException("the segment " + start + " to " + end
                    + " s is not a span of the video (start >= 0, end >= start)");
        }
        if (score != null && !(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score " + score + " is not in [0, 1]");
        }
        if (aspects == null || source == null || generator == null || generator.isBlank()
                || generatorVersion == null) {
            throw new IllegalArgumentException("aspects, source, generator and its version are required");
        }
    }

    /**
     * What makes this item the same as one imported before: video, span, label and provenance as imported. An
     * import adds nothing for a key the project already has, whatever was edited since.
     */
    String originKey() {
        return String.join("|", Long.toString(videoId), Double.toString(start), Double.toString(end),
                String.valueOf(label), source.dbName(), generator, generatorVersion);
    }
}
