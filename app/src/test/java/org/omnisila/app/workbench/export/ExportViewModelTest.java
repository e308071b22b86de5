package org.omnisila.app.workbench.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.api.VideoInfo;
import org.omnisila.engine.video.SyntheticVideo;

/** Exports on the calling thread (both executors run tasks at once), so the results are there on return. */
class ExportViewModelTest {
    @TempDir
    Path dir;

    private final ExportViewModel vm = new ExportViewModel(Runnable::run, Runnable::run);

    private VideoAnalysis analysis(Path video) {
        return new VideoAnalysis(new VideoInfo(video.toString(), "e".repeat(64), 4, 10, 160, 120),
                new ModelInfo("ICM", "small", null, "cpu"), List.of(),
                List.of(new LocatedSentiment(1, 3, "negative", 0.7, "a frown")));
    }

    @Test
    void writesEachFormatAndSaysSo() throws Exception {
        Path video = dir.resolve("clip.mp4");
        SyntheticVideo.mp4(160, 120, 10, 40).write(video);
        vm.analysisProperty().set(analysis(video));

        assertTrue(vm.export(ExportViewModel.Format.RESULT_JSON, dir.resolve("r.json"), video).get());
        assertEquals(vm.analysisProperty().get(), ResultJson.read(dir.resolve("r.json")));
        assertTrue(vm.export(ExportViewModel.Format.LOCATED_CSV, dir.resolve("l.csv"), video).get());
        assertTrue(Files.readString(dir.resolve("l.csv")).contains("clip.mp4,1.000,3.000,negative"));
        assertTrue(vm.export(ExportViewModel.Format.HTML_REPORT, dir.resolve("r.html"), video).get());
        assertTrue(Files.readString(dir.resolve("r.html")).contains("data:image/jpeg;base64,"), "with a thumbnail");
        assertEquals("Exported " + dir.resolve("r.html"), vm.messageProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void withoutTheVideoTheReportSaysItHasNoThumbnails() throws Exception {
        vm.analysisProperty().set(analysis(dir.resolve("gone.mp4")));
        assertTrue(vm.export(ExportViewModel.Format.HTML_REPORT, dir.resolve("r.html"), dir.resolve("gone.mp4")).get());
        assertTrue(vm.messageProperty().get().endsWith("(without thumbnails: the video was not found)"),
                vm.messageProperty().get());
    }

    @Test
    void nothingShownAndAnUnwritablePlaceGetClearMessages() throws Exception {
        assertFalse(vm.export(ExportViewModel.Format.LOCATED_CSV, dir.resolve("x.csv"), null).get());
        assertTrue(vm.messageProperty().get().startsWith("Nothing to export"));

        vm.analysisProperty().set(analysis(dir.resolve("gone.mp4")));
        Path notAFolder = dir.resolve("file");
        Files.writeString(notAFolder, "x");
        assertFalse(vm.export(ExportViewModel.Format.LOCATED_CSV, notAFolder.resolve("x.csv"), null).get());
        assertTrue(vm.messageProperty().get().startsWith("Could not export") && vm.messageProperty().get()
                .endsWith("Choose another folder, or free disk space."), vm.messageProperty().get());
    }
}
