package org.omnisila.annotator.importer;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.annotator.project.AnnotationProject;

/** What the importer tests share: a fresh project in the test's folder, open for annotator "Ann". */
abstract class ImportTest {

    @TempDir
    Path folder;

    AnnotationProject project;

    @BeforeEach
    void openProject() {
        Path file = folder.resolve("review.sila");
        AnnotationProject.create(file, getClass().getSimpleName());
        project = AnnotationProject.open(file, "Ann");
    }

    @AfterEach
    void closeProject() {
        project.close();
    }
}
