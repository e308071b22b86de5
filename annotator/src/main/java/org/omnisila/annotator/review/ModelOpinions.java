package org.omnisila.annotator.review;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Item;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;

/**
 * The model opinions of a project's items (table {@code model_opinions}): the workbench runs a model on an item's
 * video, turns the analysis into an opinion of the item's segment with {@link #fromSegments} and records it here.
 * One opinion per item and model: running a model again replaces its opinion. Opinions are not edits: they have no
 * undo and no audit entry.
 */
public final class ModelOpinions {

    /** Instants as the project stores them: UTC, milliseconds, fixed width, so that text order is time order. */
    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final AnnotationProject project;

    /** @param project the open project */
    public ModelOpinions(AnnotationProject project) {
        this.project = project;
    }

    /**
     * Saves a model's opinion of an item, replacing that model's earlier one.
     *
     * @throws IllegalArgumentException when the project has no such item
     */
    public void record(long itemId, ModelOpinion opinion) {
        project.item(itemId); // a clear message for an unknown item, rather than a foreign-key failure
        project.writeTables("save the model's opinion of item " + itemId, db -> db.update(
                "INSERT INTO model_opinions (item_id, model, label, confidence, at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (item_id, model) DO UPDATE SET label = excluded.label,"
                        + " confidence = excluded.confidence, at = excluded.at",
                itemId, opinion.model(), opinion.label(), opinion.confidence(), AT.format(opinion.at())));
    }

    /** The most recent opinion of an item, of any model; empty when no model was run on it. */
    public Optional<ModelOpinion> latest(long itemId) {
        return project.readTables("read the model's opinion of item " + itemId, db -> db.first(
                "SELECT model, label, confidence, at FROM model_opinions WHERE item_id = ?"
                        + " ORDER BY at DESC, rowid DESC LIMIT 1",
                r -> new ModelOpinion(r.getString(1), r.getString(2), r.getDouble(3), Instant.parse(r.getString(4))),
                itemId));
    }

    /** Every model's opinion of an item, newest first. */
    public List<ModelOpinion> all(long itemId) {
        return project.readTables("read the model opinions of item " + itemId, db -> db.query(
                "SELECT model, label, confidence, at FROM model_opinions WHERE item_id = ? ORDER BY at DESC, rowid DESC",
                r -> new ModelOpinion(r.getString(1), r.getString(2), r.getDouble(3), Instant.parse(r.getString(4))),
                itemId));
    }

    /**
     * The opinion an analysis of the item's video gives of the item's segment; see
     * {@link #fromSegments(Item, List, String, Instant)}.
     */
    public static Optional<ModelOpinion> fromAnalysis(Item item, VideoAnalysis analysis, Instant at) {
        return fromSegments(item, analysis.segments(), analysis.model().name(), at);
    }

    /**
     * The model's label and confidence for an item's segment, from the per-segment scores of an analysis of its
     * video: each label's probability averaged over the analysed segments that overlap the item's segment, weighted
     * by the length of the overlap; the label is the one with the highest average (on a tie, the first in the
     * model's order), the confidence that average. An item of one frame (start = end) takes the segments that
     * contain it, equally weighted. A label a segment does not score counts 0 there.
     *
     * @param segments the analysis's segments, of the item's video
     * @param model    the model's name
     * @param at       when the model was run
     * @return empty when no segment overlaps the item's (the analysis does not cover it)
     */
    public static Optional<ModelOpinion> fromSegments(Item item, List<SegmentResult> segments, String model,
                                                      Instant at) {
        Map<String, Double> mass = new LinkedHashMap<>();
        double total = 0;
        for (SegmentResult segment : segments) {
            double weight = weight(item.start(), item.end(), segment.start(), segment.end());
            if (weight <= 0) {
                continue;
            }
            total += weight;
            for (Map.Entry<String, Double> score : segment.sentimentScores().entrySet()) {
                mass.merge(score.getKey(), weight * score.getValue(), Double::sum);
            }
        }
        if (total == 0) {
            return Optional.empty();
        }
        String best = null;
        double bestMass = -1;
        for (Map.Entry<String, Double> label : mass.entrySet()) {
            if (label.getValue() > bestMass) {
                best = label.getKey();
                bestMass = label.getValue();
            }
        }
        double confidence = Math.min(1, Math.max(0, bestMass / total)); // rounding must not leave [0, 1]
        return Optional.of(new ModelOpinion(model, best, confidence, at));
    }

    /**
     * How much an analysed segment counts for the item's span: the length of their overlap; for a span of one
     * frame, 1 when the segment contains it, else 0.
     */
    static double weight(double start, double end, double segmentStart, double segmentEnd) {
        if (end == start) {
            return start >= segmentStart && start <= segmentEnd ? 1 : 0;
        }
        return Math.max(0, Math.min(end, segmentEnd) - Math.max(start, segmentStart));
    }
}
