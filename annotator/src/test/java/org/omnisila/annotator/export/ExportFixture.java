package org.omnisila.annotator.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.omnisila.annotator.importer.AttributionImporter;
import org.omnisila.annotator.importer.ImportListener;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemField;
import org.omnisila.annotator.project.ItemFilter;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.engine.video.SyntheticVideo;

/**
 * A reviewed project for the export tests: three generated 4 s videos (64 x 48, 25 fps) and six items, imported
 * from attribution lines and reviewed by Ann and Bob:
 *
 * <pre>
 * item video   span        label     review
 * 1    a.mp4   0-2 s       negative  accepted (Ann)
 * 2    a.mp4   3-4 s       negative  action edited, state edited (Ann); face empty
 * 3    a.mp4   1-3 s       neutral   rejected (Ann)
 * 4    b.mp4   1-3.25 s    positive  accepted (Bob); no summary; generator llava-local 1.5
 * 5    b.mp4   0-1 s       positive  unreviewed
 * 6    c.mp4   0.5-2 s     n         accepted (Bob)
 * </pre>
 */
final class ExportFixture {

    static final String LINES = String.join("\n",
            line("a.mp4", 0, 2, "A man frowns, shouting.", "He raises a fist.", "man - holds - placard",
                    "A street at dusk.", "Shouting and a raised fist show anger.", "negative", "gpt-4-vision-preview",
                    "2024-02-15"),
            line("a.mp4", 3, 4, "", "He throws a bottle.", "man - throws - bottle", "The same street.",
                    "Throwing a bottle shows anger.", "negative", "gpt-4-vision-preview", "2024-02-15"),
            line("a.mp4", 1, 3, "A calm face.", "He walks.", "man - on - street", "A street.", "Nothing happens.",
                    "neutral", "gpt-4-vision-preview", "2024-02-15"),
            line("b.mp4", 1, 3.25, "A woman smiles widely.", "She hugs a child.", "woman - hugs - child",
                    "A sunny park.", null, "positive", "llava-local", "1.5"),
            line("b.mp4", 0, 1, "She laughs.", "She waves.", "woman - near - bench", "A park.", "Joy.", "positive",
                    "gpt-4-vision-preview", "2024-02-15"),
            line("c.mp4", 0.5, 2, "A man cries.", "He sits down slowly.", "man - on - chair", "A dark room.",
                    "Crying alone in a dark room shows sadness.", "n", "gpt-4-vision-preview", "2024-02-15")) + "\n";

    private ExportFixture() {
    }

    /** Writes the videos and the project into {@code dir}; returns the project file, closed. */
    static Path create(Path dir) throws IOException {
        Path videos = Files.createDirectories(dir.resolve("videos"));
        for (String name : List.of("a.mp4", "b.mp4", "c.mp4")) {
            SyntheticVideo.mp4(64, 48, 25, 100).write(videos.resolve(name));
        }
        Path jsonl = videos.resolve("attributions.jsonl");
        Files.writeString(jsonl, LINES, StandardCharsets.UTF_8);
        Path file = dir.resolve("review.sila");
        AnnotationProject.create(file, "Protest footage");
        long[] ids;
        try (AnnotationProject project = AnnotationProject.open(file, "Ann")) {
            AttributionImporter.importFile(project, jsonl, ImportListener.SILENT, () -> false);
            ids = project.items(ItemFilter.all()).stream().sorted((x, y) -> Long.compare(x.id(), y.id()))
                    .mapToLong(Item::id).toArray();
            project.edit(ids[0], ItemField.STATE, ItemState.ACCEPTED);
            project.edit(ids[1], Map.of(ItemField.ACTION, "He throws a bottle at the police.", ItemField.STATE,
                    ItemState.EDITED));
            project.edit(ids[2], ItemField.STATE, ItemState.REJECTED);
        }
        try (AnnotationProject project = AnnotationProject.open(file, "Bob")) {
            project.edit(ids[3], ItemField.STATE, ItemState.ACCEPTED);
            project.edit(ids[5], ItemField.STATE, ItemState.ACCEPTED);
        }
        return file;
    }

    private static String line(String video, double start, double end, String face, String action, String object,
                               String background, String summary, String sentiment, String generator,
                               String version) {
        return "{\"video\": \"" + video + "\", \"start\": " + start + ", \"end\": " + end + ", \"aspects\": {\"face\": \""
                + face + "\", \"action\": \"" + action + "\", \"object\": \"" + object + "\", \"background\": \""
                + background + "\"}" + (summary == null ? "" : ", \"summary\": \"" + summary + "\"")
                + ", \"sentiment\": \"" + sentiment + "\", \"generator\": {\"name\": \"" + generator
                + "\", \"version\": \"" + version + "\"}}";
    }
}
