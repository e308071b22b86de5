package org.omnisila.annotator.review;

import java.nio.file.Path;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Aspects;
import org.omnisila.annotator.project.ImportBatch;
import org.omnisila.annotator.project.ImportKind;
import org.omnisila.annotator.project.ItemFilter;
import org.omnisila.annotator.project.ItemSource;
import org.omnisila.annotator.project.NewItem;

/** Projects for the review tests, built through the public import API. */
final class ReviewProjects {

    private ReviewProjects() {
    }

    /** A new project file {@code name} in a folder, created but not open. */
    static Path create(Path folder, String name) {
        Path file = folder.resolve(name);
        AnnotationProject.create(file, "Protest footage");
        return file;
    }

    /**
     * Adds items to one video (of the given duration, or unknown when null): item i spans [2i, 2i + 2] s, is labelled
     * labels[i], has aspects "face i", ... and summary "summary i", and score scores[i] (null: none).
     *
     * @return their ids, in order
     */
    static long[] addItems(AnnotationProject project, String videoPath, Double duration, String[] labels,
                           Double[] scores) {
        long video;
        try (ImportBatch batch = project.beginImport(ImportKind.ATTRIBUTIONS, Path.of("test.jsonl"))) {
            video = batch.video(videoPath, null, duration);
            for (int i = 0; i < labels.length; i++) {
                batch.add(new NewItem(video, 2.0 * i, 2.0 * i + 2, null, labels[i],
                        new Aspects("face " + i, "action " + i, "object " + i, "background " + i), "summary " + i,
                        scores[i] == null ? ItemSource.ATTRIBUTION : ItemSource.PREDICTION, "gpt-4-vision-preview",
                        "2024-02-15", scores[i]));
            }
            batch.finish(0);
        }
        return project.items(ItemFilter.all().withVideo(video)).stream().mapToLong(i -> i.id()).toArray();
    }

    /** {@link #addItems(AnnotationProject, String, Double, String[], Double[])} with no scores. */
    static long[] addItems(AnnotationProject project, String videoPath, Double duration, String... labels) {
        return addItems(project, videoPath, duration, labels, new Double[labels.length]);
    }
}
