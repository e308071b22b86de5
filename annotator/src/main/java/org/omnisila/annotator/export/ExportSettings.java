package org.omnisila.annotator.export;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an export writes and how. Two exports of the same project with equal settings give byte-identical files.
 *
 * @param sets               the data sets to write; not empty
 * @param media              what the instruction data sets' {@code "video"} field refers to
 * @param frameFormat        the image format of {@link MediaMode#FRAMES}
 * @param context            seconds of video kept before and after each item's segment in its clip or frames (the
 *                           window; clamped to the video), so that "locate" has something to locate in; &gt;= 0
 * @param seed               the seed of the train/test split
 * @param testFraction       the share of videos in the test split, 0..1 (each video wholly on one side)
 * @param includeUnreviewed  whether unreviewed items are exported too (accepted and edited always are, rejected
 *                           never)
 * @param agreement          a summary of the annotators' agreement for the dataset card, or null when none was
 *                           computed
 */
public record ExportSettings(Set<ExportSet> sets, MediaMode media, ImageFormat frameFormat, double context,
                             long seed, double testFraction, boolean includeUnreviewed, String agreement) {

    /** Both instruction sets, no media, no context, seed 1, a fifth of the videos for testing, reviewed only. */
    public static final ExportSettings DEFAULT = new ExportSettings(
            EnumSet.of(ExportSet.SCENE_TUNING, ExportSet.OMNISILA_TUNING), MediaMode.NONE, ImageFormat.JPEG, 0, 1,
            0.2, false, null);

    /** Checks the values; copies the sets. */
    public ExportSettings {
        if (sets == null || sets.isEmpty()) {
            throw new IllegalArgumentException("choose at least one data set to export:"
                    + " scene-tuning, omnisila-tuning or scene-features");
        }
        sets = Set.copyOf(EnumSet.copyOf(sets));
        if (media == null || frameFormat == null) {
            throw new IllegalArgumentException("the media and the frame format must be given");
        }
        if (!(context >= 0) || Double.isInfinite(context)) {
            throw new IllegalArgumentException("the context must be 0 or more seconds, got " + context);
        }
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("the test fraction must be between 0 and 1, got " + testFraction);
        }
    }

    /** These settings with other data sets. */
    public ExportSettings withSets(Set<ExportSet> newSets) {
        return new ExportSettings(newSets, media, frameFormat, context, seed, testFraction, includeUnreviewed,
                agreement);
    }

    /** These settings with other media. */
    public ExportSettings withMedia(MediaMode newMedia, ImageFormat newFormat, double newContext) {
        return new ExportSettings(sets, newMedia, newFormat, newContext, seed, testFraction, includeUnreviewed,
                agreement);
    }

    /** These settings with another split. */
    public ExportSettings withSplit(long newSeed, double newTestFraction) {
        return new ExportSettings(sets, media, frameFormat, context, newSeed, newTestFraction, includeUnreviewed,
                agreement);
    }

    /** These settings with or without unreviewed items. */
    public ExportSettings withUnreviewed(boolean include) {
        return new ExportSettings(sets, media, frameFormat, context, seed, testFraction, include, agreement);
    }

    /** These settings with an agreement summary for the card. */
    public ExportSettings withAgreement(String summary) {
        return new ExportSettings(sets, media, frameFormat, context, seed, testFraction, includeUnreviewed,
                summary);
    }
}
