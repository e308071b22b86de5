package org.omnisila.annotator.project;

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
 */
public record Item(long id, long videoId, String videoPath, double start, double end, Double frameTime,
                   String label, Aspects aspects, String summary, ItemSource source, String generator,
                   String generatorVersion, Double score, ItemState state, Integer rating) {

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
        };
    }
}
