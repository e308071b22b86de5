package org.omnisila.annotator.export;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.engine.api.Scene;

/**
 * The one rule of which items, and which of their texts, an export uses. Accepted and edited items are exported,
 * rejected ones never, unreviewed ones only when asked for; of an exported item, an aspect the annotator rejected
 * (its own review state, docs/annotation-guide.md "Review rules") and an aspect or summary that is missing or blank
 * are left out (no instruction is made from them).
 */
public final class ExportSelection {

    private final boolean includeUnreviewed;

    private ExportSelection(boolean includeUnreviewed) {
        this.includeUnreviewed = includeUnreviewed;
    }

    /** @param includeUnreviewed whether unreviewed items are exported too */
    public static ExportSelection of(boolean includeUnreviewed) {
        return new ExportSelection(includeUnreviewed);
    }

    /** Whether an item goes into the data sets. */
    public boolean exports(Item item) {
        return switch (item.state()) {
            case ACCEPTED, EDITED -> true;
            case UNREVIEWED -> includeUnreviewed;
            case REJECTED -> false;
        };
    }

    /** The exported text of one aspect of an exported item, trimmed; null when it is not exported. */
    public String aspect(Item item, Scene scene) {
        if (item.aspectStates().get(scene) == ItemState.REJECTED) {
            return null;
        }
        return text(item.aspects().get(scene));
    }

    /** The exported summary of an exported item, trimmed; null when it is not exported. */
    public String summary(Item item) {
        return text(item.summary());
    }

    /**
     * Picks the exported items, in the given order, and counts by review state what was exported and what was
     * left out.
     */
    public Selected select(List<Item> items) {
        List<Item> kept = new ArrayList<>();
        Map<ItemState, Integer> exported = new EnumMap<>(ItemState.class);
        Map<ItemState, Integer> leftOut = new EnumMap<>(ItemState.class);
        for (ItemState state : ItemState.values()) {
            exported.put(state, 0);
            leftOut.put(state, 0);
        }
        for (Item item : items) {
            if (exports(item)) {
                kept.add(item);
                exported.merge(item.state(), 1, Integer::sum);
            } else {
                leftOut.merge(item.state(), 1, Integer::sum);
            }
        }
        return new Selected(kept, exported, leftOut);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * The outcome of {@link #select}.
     *
     * @param items    the exported items
     * @param exported how many exported items are in each review state (every state present)
     * @param leftOut  how many items were left out, by review state (every state present)
     */
    public record Selected(List<Item> items, Map<ItemState, Integer> exported, Map<ItemState, Integer> leftOut) {
        /** Copies the lists and maps. */
        public Selected {
            items = List.copyOf(items);
            exported = Map.copyOf(exported);
            leftOut = Map.copyOf(leftOut);
        }
    }
}
