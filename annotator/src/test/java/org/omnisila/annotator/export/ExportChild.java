package org.omnisila.annotator.export;

import java.nio.file.Path;
import org.omnisila.annotator.project.AnnotationProject;

/**
 * A second program that exports a project with clips (unreviewed items too), for the kill test: prints {@code started} when the export
 * begins, then {@code done} when it has returned.
 *
 * <pre>ExportChild PROJECT OUT</pre>
 */
public final class ExportChild {

    private ExportChild() {
    }

    public static void main(String[] args) {
        try (AnnotationProject project = AnnotationProject.open(Path.of(args[0]), "Child")) {
            new AnnotationExporter(ExportSettings.DEFAULT.withUnreviewed(true).withMedia(MediaMode.CLIPS, ImageFormat.PNG, 4), null)
                    .export(project, Path.of(args[1]), (done, total) -> {
                        if (done == 0) {
                            System.out.println("started");
                            System.out.flush();
                        }
                    }, () -> false);
        }
        System.out.println("done");
        System.out.flush();
    }
}
