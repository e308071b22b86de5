package org.omnisila.annotator.export;

import java.util.List;

/**
 * What an item's entries refer to.
 *
 * @param video  the {@code "video"} field: a path relative to the export folder (clips, frames' folder) or the
 *               source video's path as the project has it (no media)
 * @param frames the frame images relative to the export folder, in time order; empty unless
 *               {@link MediaMode#FRAMES}
 * @param window the part of the source the media shows; null when the entry refers to the whole source video
 */
public record ExportedMedia(String video, List<String> frames, MediaWindow window) {
    /** Copies the frames. */
    public ExportedMedia {
        frames = List.copyOf(frames);
    }

    /** Where a time of the source video is in the media: shifted by the window's start. */
    public double toMediaTime(double sourceSeconds) {
        return window == null ? sourceSeconds : Math.max(0, sourceSeconds - window.start());
    }
}
