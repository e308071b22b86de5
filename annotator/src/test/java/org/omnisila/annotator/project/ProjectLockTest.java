package org.omnisila.annotator.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One project, one window: a second open is refused with a message naming who holds it. */
class ProjectLockTest {

    @TempDir
    Path folder;

    @Test
    void aSecondWindowOfThisProgramIsRefused() {
        Path file = Projects.create(folder).toAbsolutePath();
        Workstation here = Workstation.current();
        try (AnnotationProject first = AnnotationProject.open(file, "Ann")) {
            ProjectException e = assertThrows(ProjectException.class, () -> AnnotationProject.open(file, "Bob"));
            String expected = file + " is already open in this program, by annotator Ann on " + here.host()
                    + " (process " + here.pid() + ") since ";
            assertTrue(e.getMessage().startsWith(expected), e.getMessage());
            assertTrue(e.getMessage().endsWith(". Close it there first; two windows on one project would overwrite"
                    + " each other's edits."), e.getMessage());
            assertEquals("Ann", first.session().annotator(), "the first window is unaffected");
            first.items(ItemFilter.all());
        }
        try (AnnotationProject again = AnnotationProject.open(file, "Bob")) {
            assertEquals("Bob", again.session().annotator(), "closing releases the lock");
        }
    }

    @Test
    void anotherProgramIsRefusedUntilItCloses() throws IOException, InterruptedException {
        Path file = Projects.create(folder).toAbsolutePath();
        try (ChildJvm child = ChildJvm.start("hold", file.toString(), "Carol")) {
            long pid = Long.parseLong(child.awaitLine("open ").substring(5));
            ProjectException e = assertThrows(ProjectException.class, () -> AnnotationProject.open(file, "Ann"));
            assertTrue(e.getMessage().startsWith(file + " is already open in another window or program, by annotator"
                    + " Carol on " + Workstation.current().host() + " (process " + pid + ") since "), e.getMessage());

            child.process().getOutputStream().close();
            child.awaitLine("closed");
            assertEquals(0, child.process().waitFor());
        }
        try (AnnotationProject project = AnnotationProject.open(file, "Ann")) {
            assertEquals("Ann", project.session().annotator());
        }
    }
}
