package org.omnisila.annotator.project;

import java.nio.file.Path;

/** Projects for tests: created in a test's folder, with items added through an import batch. */
final class Projects {

    private Projects() {
    }

    /** A new project file in {@code folder}, created but not open. */
    static Path create(Path folder) {
        Path file = folder.resolve("review.sila");
        AnnotationProject.create(file, "Protest footage");
        return file;
    }

    /**
     * Adds attribution items to one video, each a 2-second segment labelled "negative" with aspects "face i" etc.
     * and summary "summary i", i = 0, 1, ...
     *
     * @return their ids, in order
     */
    static long[] addItems(AnnotationProject project, String videoPath, String sha256, int count) {
        long video;
        try (ImportBatch batch = project.beginImport(ImportKind.ATTRIBUTIONS, Path.of("test.jsonl"))) {
            video = batch.video(videoPath, sha256, null);
            for (int i = 0; i < count; i++) {
                batch.add(new NewItem(video, 2.0 * i, 2.0 * i + 2, null, "negative",
                        new Aspects("face " + i, "action " + i, "object " + i, "background " + i), "summary " + i,
                        ItemSource.ATTRIBUTION, "gpt-4-vision-preview", "2024-02-15", null));
            }
            batch.finish(0);
        }
        return project.items(ItemFilter.all().withVideo(video)).stream().mapToLong(Item::id).toArray();
    }
}
