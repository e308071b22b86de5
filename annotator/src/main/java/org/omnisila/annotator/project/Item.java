package org.omnisila.annotator.project;

import org.omnisila.engine.api.Scene;

/**
 * One thing to review: a segment of a video with its sentiment label, the four scene aspects and a summary, where
 * it came from, and its review state and rationality rating.
 *
 * @param id               the item's id in the project
 * @param videoId          the video's id in the project
 * @param videoPath        the video's path as the project knows it (see relink)
 * @param start            segment start, seconds from the start of the video
 * @param end              segment end, seconds; &gt;= start (equal for a single frame)
 * @param frameTime        the frame the attribution describes, when it was given for one frame; else null
 * @param label            the sentiment label (canonical names, e.g. {@code "positive"}, {@code "Fighting"}); may
 *                         be null when none was given
 * @param aspects          the four scene aspects; never null, texts may be null
 * @param summary          the summarised attribution; may be null
 * @param source           where the item came from
 * @param generator        what produced it: a model name ({@code "gpt-4-vision-preview"}, {@code "ICM"}) or
 *                         {@code "ground-truth"}
 * @param generatorVersion the generator's version; empty when not known
 * @param score            the model's confidence in [0, 1] for predictions; else null
 * @param state            review state
 * @param rating           rationality rating 1-6 (the paper's Atr-R scale); null until rated
 * @param aspectStates     the review state of each of the four aspects; never null
 * @param originKey        the item's identity as imported (video, span, label, provenance), the same in every copy
 *                         of the project that shares its videos; never changed by edits
 */
public record Item(long id, long videoId, String videoPath, double start, double end, Double frameTime,
                   String label, Aspects aspects, String summary, ItemSource source, String generator,
                   String generatorVersion, Double score, ItemState state, Integer rating,
                   AspectStates aspectStates, String originKey) {

    /** An item of a schema-1 project, or one not stored yet: every aspect unreviewed, no origin key. */
    public Item(long id, long videoId, String videoPath, double start, double end, Double frameTime, String label,
                Aspects aspects, String summary, ItemSource source, String generator, String generatorVersion,
                Double score, ItemState state, Integer rating) {
        this(id, videoId, videoPath, start, end, frameTime, label, aspects, summary, source, generator,
                generatorVersion, score, state, rating, AspectStates.unreviewed(), null);
    }

    /** The value of an editable field, as {@link ItemField} describes its type. */
    public Object get(ItemField field) {
        return switch (field) {
            case START -> start;
            case END -> end;
            case LABEL -> label;
            case FACE -> aspects.face();
            case ACTION -> aspects.action();
            case OBJECT -> aspects.object();
            case BACKGROUND -> aspects.background();
            case SUMMARY -> summary;
            case STATE -> state;
            case RATING -> rating;
            case FACE_STATE -> aspectStates.face();
            case ACTION_STATE -> aspectStates.action();
            case OBJECT_STATE -> aspectStates.object();
            case BACKGROUND_STATE -> aspectStates.background();
        };
    }

    /**
     * A copy with one field set, as it would read after an edit; nothing is saved.
     *
     * @param value of the field's type ({@link ItemField}); a state may also be given by its stored name
     * @throws IllegalArgumentException when the value is not one the field accepts
     */
    public Item with(ItemField field, Object value) {
        Object stored = field.toStored(value);
        double newStart = field == ItemField.START ? (Double) stored : start;
        double newEnd = field == ItemField.END ? (Double) stored : end;
        String newLabel = field == ItemField.LABEL ? (String) stored : label;
        Aspects newAspects = new Aspects(
                field == ItemField.FACE ? (String) stored : aspects.face(),
                field == ItemField.ACTION ? (String) stored : aspects.action(),
                field == ItemField.OBJECT ? (String) stored : aspects.object(),
                field == ItemField.BACKGROUND ? (String) stored : aspects.background());
        String newSummary = field == ItemField.SUMMARY ? (String) stored : summary;
        ItemState newState = field == ItemField.STATE ? ItemState.of((String) stored) : state;
        Integer newRating = field == ItemField.RATING ? (Integer) stored : rating;
        AspectStates newAspectStates = aspectStates;
        for (Scene scene : Scene.values()) {
            if (field == ItemField.state(scene)) {
                newAspectStates = aspectStates.with(scene, ItemState.of((String) stored));
            }
        }
        return new Item(id, videoId, videoPath, newStart, newEnd, frameTime, newLabel, newAspects, newSummary, source,
                generator, generatorVersion, score, newState, newRating, newAspectStates, originKey);
    }
}
