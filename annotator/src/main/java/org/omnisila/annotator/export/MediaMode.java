package org.omnisila.annotator.export;

import java.util.Locale;

/** What the instruction data sets' {@code "video"} field refers to. */
public enum MediaMode {
    /** Each item's window cut from its video to an H.264 MP4 ({@code media/item-ID.mp4}). */
    CLIPS,
    /** Eight evenly spaced frames of each item's window as images ({@code media/item-ID/0.jpg} ...). */
    FRAMES,
    /** No media: the entry refers to the source video, with the item's segment in seconds. */
    NONE;

    private final String cliName = name().toLowerCase(Locale.ROOT);

    /** The name on the command line: {@code clips}, {@code frames}, {@code none}. */
    public String cliName() {
        return cliName;
    }

    /** @throws IllegalArgumentException for a name other than clips, frames or none */
    public static MediaMode of(String name) {
        for (MediaMode mode : values()) {
            if (mode.cliName.equalsIgnoreCase(name.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown media \"" + name + "\"; expected clips, frames or none");
    }
}
