package org.omnisila.app.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.ModelManifest;

class DoctorTest {
    @TempDir
    Path dir;

    private static Finding find(List<Finding> all, String area) {
        return all.stream().filter(f -> f.area().equals(area)).findFirst().orElseThrow(() -> new AssertionError(
                "no finding for " + area + " in " + all));
    }

    @Test
    void aWorkingInstallationPassesAndEachFindingIsHandedOnAsItComes() throws Exception {
        List<Finding> streamed = new ArrayList<>();
        List<Finding> all = new Doctor(new ModelFiles(dir.resolve("cache")), dir.resolve("settings"))
                .run(streamed::add);
        assertEquals(all, streamed);
        assertEquals(9 + ModelManifest.BUNDLED.size(), all.size());
        for (String area : List.of("Java runtime", "FFmpeg natives", "OpenCV natives", "PyTorch (DJL)",
                "Cache folder", "Settings folder")) {
            assertEquals(Finding.Status.OK, find(all, area).status(), find(all, area).toString());
        }
        for (String model : ModelManifest.BUNDLED) {
            Finding f = find(all, "Model " + model);
            assertEquals(Finding.Status.OK, f.status(), f.toString());
            assertTrue(f.detail().endsWith("SHA-256 verified"), f.detail());
        }
        assertTrue(find(all, "FFmpeg natives").detail().startsWith("FFmpeg "), "names the version");
        for (Finding f : all) {
            assertEquals(f.status() == Finding.Status.OK, f.fix().isEmpty(), "a fix exactly when not OK: " + f);
        }
    }

    @Test
    void javafxVersionComesFromJavafxBaseWithoutReflectionIntoItsInternals() {
        // On the module path (installed packages) com.sun.javafx.runtime is not exported; the properties are read.
        String version = RuntimeChecks.javafxVersion();
        assertTrue(version != null && version.matches("\\d+\\.\\d+.*"), "version " + version);
        assertTrue(RuntimeChecks.javafx().detail().startsWith(version), RuntimeChecks.javafx().toString());
    }

    @Test
    void aFolderThatCannotBeWrittenIsAProblemWithWhatToDo() throws Exception {
        Path notAFolder = dir.resolve("file");
        Files.writeString(notAFolder, "x");
        Finding f = StorageChecks.folder("Settings folder", notAFolder.resolve("omnisila"));
        assertEquals(Finding.Status.PROBLEM, f.status());
        assertTrue(f.detail().startsWith(notAFolder.resolve("omnisila") + " cannot be written: "), f.detail());
        assertTrue(f.fix().contains("-Domnisila.config.dir"), f.fix());
    }
}
