package org.omnisila.annotator.review;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemField;
import org.omnisila.annotator.project.Video;
import org.omnisila.engine.api.Scene;

/**
 * What the annotator does to an item in the review view, by the rules of docs/annotation-guide.md ("Review rules";
 * {@link ReviewRules}): accept, reject or reopen it, judge or correct each of its four aspects, correct its label,
 * span and summary, rate it. One instance per open project.
 *
 * <p>Every call is <em>one</em> step of the project's edit history, saved before it returns: the change of a field
 * and the state it implies are undone together by one {@link AnnotationProject#undo()}. A call that changes nothing
 * records nothing. Every call returns the item as it now is. A value that is not allowed is refused with an
 * {@link IllegalArgumentException} saying which values are, and nothing is saved.
 */
public final class Review {

    /** How far past a video's known duration a segment may end, for rounding in the times of frames. */
    private static final double DURATION_SLACK_S = 1e-6;

    private final AnnotationProject project;

    /** @param project the open project whose items are reviewed */
    public Review(AnnotationProject project) {
        this.project = project;
    }

    /** Keeps the item: ACCEPTED, or EDITED when it was corrected; aspects not reviewed yet become accepted. */
    public Item accept(long itemId) {
        return apply(itemId, ReviewRules::accept);
    }

    /** Rejects the item: left out of the data sets; its aspects keep their states. */
    public Item reject(long itemId) {
        return apply(itemId, ReviewRules::reject);
    }

    /** Puts the item back in the unreviewed queue: verdicts taken back (accepted aspects too), corrections kept. */
    public Item reopen(long itemId) {
        return apply(itemId, ReviewRules::reopen);
    }

    /** Keeps one aspect's text (EDITED when it is a corrected one, else ACCEPTED). */
    public Item acceptAspect(long itemId, Scene scene) {
        return apply(itemId, (item, imported) -> ReviewRules.acceptAspect(item, imported, scene));
    }

    /** Leaves one aspect out of the data sets; the item counts as corrected. */
    public Item rejectAspect(long itemId, Scene scene) {
        return apply(itemId, (item, imported) -> ReviewRules.rejectAspect(item, imported, scene));
    }

    /**
     * Corrects one aspect's text.
     *
     * @param text the new text; empty when there is nothing to see; not null
     */
    public Item editAspect(long itemId, Scene scene, String text) {
        if (text == null) {
            throw new IllegalArgumentException("the " + scene.jsonName() + " aspect's text must not be null; give an"
                    + " empty text when there is nothing to see, or reject the aspect");
        }
        return apply(itemId, (item, imported) -> ReviewRules.editAspect(item, imported, scene, text));
    }

    /**
     * Corrects the sentiment label.
     *
     * @param label the label, e.g. {@code "negative"}; not blank (reject the item when it shows no sentiment)
     */
    public Item setLabel(long itemId, String label) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("the label must not be empty; reject the item if it shows no"
                    + " sentiment");
        }
        return correct(itemId, Map.of(ItemField.LABEL, label.strip()));
    }

    /**
     * Moves the segment: start and end together, as one step.
     *
     * @param start seconds from the start of the video; finite, 0 or more
     * @param end   seconds; at or after start, and within the video when its duration is known
     */
    public Item setSpan(long itemId, double start, double end) {
        if (!Double.isFinite(start) || !Double.isFinite(end) || start < 0) {
            throw new IllegalArgumentException("the segment must start at 0 s or later and both times must be"
                    + " numbers of seconds, but was " + start + " to " + end + " s");
        }
        if (end < start) {
            throw new IllegalArgumentException("the segment would end (" + end + " s) before it starts (" + start
                    + " s); the end must be at or after the start");
        }
        Item item = project.item(itemId);
        Optional<Double> duration = project.video(item.videoId()).map(Video::duration);
        if (duration.isPresent() && end > duration.get() + DURATION_SLACK_S) {
            throw new IllegalArgumentException("the segment would end at " + end + " s, after the end of the video ("
                    + item.videoPath() + " is " + duration.get() + " s long); end it at " + duration.get()
                    + " s or earlier");
        }
        Map<ItemField, Object> span = new EnumMap<>(ItemField.class);
        span.put(ItemField.START, start);
        span.put(ItemField.END, end);
        return correct(itemId, span);
    }

    /**
     * Corrects the summarised attribution.
     *
     * @param summary the new summary; null or empty for none
     */
    public Item setSummary(long itemId, String summary) {
        Map<ItemField, Object> value = new EnumMap<>(ItemField.class); // Map.of refuses null
        value.put(ItemField.SUMMARY, summary);
        return correct(itemId, value);
    }

    /**
     * Rates the attribution's rationality on the paper's 1-6 scale (Atr-R); the item's state does not change.
     *
     * @param rating 1 to 6, or null to take the rating away
     */
    public Item rate(long itemId, Integer rating) {
        if (rating != null && (rating < 1 || rating > 6)) {
            throw new IllegalArgumentException("the rating must be a whole number from 1 to 6 (or none), but was "
                    + rating);
        }
        return apply(itemId, (item, imported) -> ReviewRules.rate(item, imported, rating));
    }

    private Item correct(long itemId, Map<ItemField, Object> content) {
        return apply(itemId, (item, imported) -> ReviewRules.correct(item, imported, content));
    }

    /** Reads the item and its imported values, works out the changes and saves them, with no edit in between. */
    private Item apply(long itemId, Rule rule) {
        synchronized (project) { // the project's own lock: nothing changes the item between reading and saving
            Item item = project.item(itemId);
            Item imported = project.asImported(itemId);
            project.edit(itemId, rule.changes(item, imported));
            return project.item(itemId);
        }
    }

    @FunctionalInterface
    private interface Rule {
        Map<ItemField, Object> changes(Item item, Item imported);
    }
}
