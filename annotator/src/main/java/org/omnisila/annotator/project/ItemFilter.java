package org.omnisila.annotator.project;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which items to list: every condition that is set must hold. Start from {@link #all()} and narrow.
 *
 * @param states  the review states to keep; empty keeps all
 * @param label   keep only this label; null keeps all
 * @param videoId keep only this video; null keeps all
 * @param source  keep only this source; null keeps all
 */
public record ItemFilter(Set<ItemState> states, String label, Long videoId, ItemSource source) {

    private static final ItemFilter ALL = new ItemFilter(Set.of(), null, null, null);

    /** Copies the states (unmodifiable). */
    public ItemFilter {
        states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
    }

    /** Every item. */
    public static ItemFilter all() {
        return ALL;
    }

    /** Only items in one of these states. */
    public ItemFilter withStates(ItemState first, ItemState... more) {
        return new ItemFilter(EnumSet.of(first, more), label, videoId, source);
    }

    /** Only items with this label. */
    public ItemFilter withLabel(String onlyLabel) {
        return new ItemFilter(states, onlyLabel, videoId, source);
    }

    /** Only items of this video. */
    public ItemFilter withVideo(long onlyVideo) {
        return new ItemFilter(states, label, onlyVideo, source);
    }

    /** Only items from this source. */
    public ItemFilter withSource(ItemSource onlySource) {
        return new ItemFilter(states, label, videoId, onlySource);
    }
}
