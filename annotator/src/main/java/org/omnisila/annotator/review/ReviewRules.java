package org.omnisila.annotator.review;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemField;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.engine.api.Scene;

/**
 * The review rules of docs/annotation-guide.md ("Review rules") as pure functions: from an item as it is, the same
 * item as it was imported, and what the annotator did, the fields to set. Nothing is saved here; {@link Review}
 * saves the result as one step of the edit history.
 *
 * <p>In short: an item kept after review is EDITED when it differs from what was imported (a text, the label, the
 * span or the summary changed, or an aspect was rejected), else ACCEPTED, whichever order the actions came in; reject
 * and reopen are verdicts on the whole item; an aspect is EDITED when its text differs from the imported one.
 */
final class ReviewRules {

    /** The fields whose change makes an item corrected. */
    static final Set<ItemField> CONTENT = Set.of(ItemField.START, ItemField.END, ItemField.LABEL, ItemField.FACE,
            ItemField.ACTION, ItemField.OBJECT, ItemField.BACKGROUND, ItemField.SUMMARY);

    private ReviewRules() {
    }

    /**
     * Keeps the item: its state becomes EDITED if it is corrected, else ACCEPTED; every aspect not reviewed yet is
     * accepted (edited and rejected aspects keep their state).
     */
    static Map<ItemField, Object> accept(Item item, Item imported) {
        Map<ItemField, Object> set = new EnumMap<>(ItemField.class);
        for (Scene scene : Scene.values()) {
            if (item.aspectStates().get(scene) == ItemState.UNREVIEWED) {
                set.put(ItemField.state(scene), ItemState.ACCEPTED);
            }
        }
        set.put(ItemField.STATE, corrected(apply(item, set), imported) ? ItemState.EDITED : ItemState.ACCEPTED);
        return set;
    }

    /** Rejects the item as a whole; the aspects keep their states (so that reopening shows them as they were). */
    static Map<ItemField, Object> reject(Item item, Item imported) {
        return Map.of(ItemField.STATE, ItemState.REJECTED);
    }

    /**
     * Takes back the verdicts, keeps the corrections: the item becomes UNREVIEWED, accepted aspects unreviewed;
     * edited and rejected aspects keep their state, and every corrected text stays.
     */
    static Map<ItemField, Object> reopen(Item item, Item imported) {
        Map<ItemField, Object> set = new EnumMap<>(ItemField.class);
        for (Scene scene : Scene.values()) {
            if (item.aspectStates().get(scene) == ItemState.ACCEPTED) {
                set.put(ItemField.state(scene), ItemState.UNREVIEWED);
            }
        }
        set.put(ItemField.STATE, ItemState.UNREVIEWED);
        return set;
    }

    /**
     * Accepts one aspect: ACCEPTED, or EDITED when its text differs from the imported one. The item keeps its state,
     * except that a kept item becomes ACCEPTED again when this takes back its only correction (a rejected aspect).
     */
    static Map<ItemField, Object> acceptAspect(Item item, Item imported, Scene scene) {
        Map<ItemField, Object> set = new EnumMap<>(ItemField.class);
        set.put(ItemField.state(scene), aspectState(item, imported, scene));
        settle(item, imported, set, false);
        return set;
    }

    /**
     * Rejects one aspect (it is left out of the data sets). An unreviewed item becomes EDITED (a correction was
     * made), a kept one EDITED (it is no longer as imported); a rejected item stays rejected.
     */
    static Map<ItemField, Object> rejectAspect(Item item, Item imported, Scene scene) {
        Map<ItemField, Object> set = new EnumMap<>(ItemField.class);
        set.put(ItemField.state(scene), ItemState.REJECTED);
        settle(item, imported, set, true);
        return set;
    }

    /** Sets one aspect's text; the aspect becomes EDITED (ACCEPTED when the text is the imported one). */
    static Map<ItemField, Object> editAspect(Item item, Item imported, Scene scene, String text) {
        Map<ItemField, Object> set = new EnumMap<>(ItemField.class);
        set.put(ItemField.text(scene), text);
        set.put(ItemField.state(scene), same(text, imported.aspects().get(scene)) ? ItemState.ACCEPTED
                : ItemState.EDITED);
        settle(item, imported, set, true);
        return set;
    }

    /** Sets content fields (label, span, summary) as one correction. */
    static Map<ItemField, Object> correct(Item item, Item imported, Map<ItemField, Object> content) {
        Map<ItemField, Object> set = new EnumMap<>(ItemField.class);
        set.putAll(content);
        settle(item, imported, set, true);
        return set;
    }

    /** Sets the rationality rating; states are not touched (rating is not a verdict). */
    static Map<ItemField, Object> rate(Item item, Item imported, Integer rating) {
        Map<ItemField, Object> set = new EnumMap<>(ItemField.class);
        set.put(ItemField.RATING, rating);
        return set;
    }

    /**
     * Whether an item differs from what was imported: a content field has another value, or an aspect is
     * rejected.
     */
    static boolean corrected(Item item, Item imported) {
        for (ItemField field : CONTENT) {
            if (!same(item.get(field), imported.get(field))) {
                return true;
            }
        }
        for (Scene scene : Scene.values()) {
            if (item.aspectStates().get(scene) == ItemState.REJECTED) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds the item's state that follows from the changes: a kept item is EDITED when corrected, else ACCEPTED; an
     * unreviewed item becomes EDITED when the changes correct it; a rejected one only when they change its content
     * (an edit brings it back), not when an aspect is judged.
     */
    private static void settle(Item item, Item imported, Map<ItemField, Object> set, boolean correcting) {
        boolean corrected = corrected(apply(item, set), imported);
        boolean content = set.keySet().stream().anyMatch(CONTENT::contains);
        ItemState state = switch (item.state()) {
            case ACCEPTED, EDITED -> corrected ? ItemState.EDITED : ItemState.ACCEPTED;
            case UNREVIEWED -> correcting && corrected ? ItemState.EDITED : ItemState.UNREVIEWED;
            case REJECTED -> content && corrected ? ItemState.EDITED : ItemState.REJECTED;
        };
        set.put(ItemField.STATE, state);
    }

    private static ItemState aspectState(Item item, Item imported, Scene scene) {
        return same(item.aspects().get(scene), imported.aspects().get(scene)) ? ItemState.ACCEPTED
                : ItemState.EDITED;
    }

    private static Item apply(Item item, Map<ItemField, Object> set) {
        Item after = item;
        for (Map.Entry<ItemField, Object> value : set.entrySet()) {
            after = after.with(value.getKey(), value.getValue());
        }
        return after;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return java.util.Objects.equals(a, b);
    }
}
