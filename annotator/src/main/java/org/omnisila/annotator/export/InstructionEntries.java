package org.omnisila.annotator.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.omnisila.annotator.project.Item;
import org.omnisila.engine.api.Scene;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.instruct.TuningInstructions;

/**
 * The entries of the two instruction data sets for one item, in Video-LLaVA's conversation layout
 * ({@code id}, {@code video}, {@code conversations} of a human question starting with {@code <video>} and the
 * answer), with where they come from ({@code item}, {@code label}, {@code segment}, {@code window}). Keys are
 * written in this fixed order; times are seconds rounded to the millisecond.
 */
final class InstructionEntries {

    /** The task names, the suffixes of the Omni-SILA tuning entries' ids. */
    static final List<String> TASKS = List.of("identify", "locate", "attribute");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ExportSelection selection;

    InstructionEntries(ExportSelection selection) {
        this.selection = selection;
    }

    /** One entry per exported aspect: {@code "Please describe the ..."} with the aspect as the answer. */
    List<Entry> sceneTuning(Item item, ExportedMedia media) {
        List<Entry> entries = new ArrayList<>(4);
        for (Scene scene : Scene.values()) {
            String text = selection.aspect(item, scene);
            if (text != null) {
                String name = scene.name().toLowerCase(java.util.Locale.ROOT);
                entries.add(new Entry(name, entry(item, media, name, TuningInstructions.describe(scene), text)));
            }
        }
        return entries;
    }

    /**
     * Identify and locate for an item with a label, and attribute when it has a summary too; none without a label.
     */
    List<Entry> omnisilaTuning(Item item, ExportedMedia media) {
        if (item.label() == null || item.label().isBlank()) {
            return List.of();
        }
        String label = SentimentLabels.canonical(item.label());
        List<Entry> entries = new ArrayList<>(3);
        entries.add(new Entry("identify", entry(item, media, "identify", TuningInstructions.identifyQuestion(label),
                TuningInstructions.identifyAnswer(label))));
        entries.add(new Entry("locate", entry(item, media, "locate", TuningInstructions.locateQuestion(label),
                TuningInstructions.locateAnswer(label, media.toMediaTime(item.start()),
                        media.toMediaTime(item.end())))));
        String summary = selection.summary(item);
        if (summary != null) {
            entries.add(new Entry("attribute", entry(item, media, "attribute",
                    TuningInstructions.attributeQuestion(label), TuningInstructions.attributeAnswer(summary))));
        }
        return entries;
    }

    private static ObjectNode entry(Item item, ExportedMedia media, String task, String question, String answer) {
        ObjectNode entry = JSON.objectNode();
        entry.put("id", "item-" + item.id() + "-" + task);
        entry.put("video", media.video());
        if (!media.frames().isEmpty()) {
            ArrayNode frames = entry.putArray("frames");
            media.frames().forEach(frames::add);
        }
        ArrayNode conversations = entry.putArray("conversations");
        conversations.addObject().put("from", "human").put("value", TuningInstructions.VIDEO_TOKEN + question);
        conversations.addObject().put("from", "gpt").put("value", answer);
        entry.put("item", item.id());
        if (item.label() != null) {
            entry.put("label", SentimentLabels.canonical(item.label()));
        }
        entry.putArray("segment").add(millis(item.start())).add(millis(item.end()));
        if (media.window() != null) {
            entry.putArray("window").add(media.window().start()).add(media.window().end());
        }
        return entry;
    }

    static double millis(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    /**
     * One entry of a data set.
     *
     * @param task the aspect ({@code face}, ...) or the task ({@code identify}, ...)
     * @param json the entry
     */
    record Entry(String task, ObjectNode json) {
    }
}
