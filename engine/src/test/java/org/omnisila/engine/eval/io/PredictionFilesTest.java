package org.omnisila.engine.eval.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.ModelInfo;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.api.SceneCues;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.api.VideoInfo;
import org.omnisila.engine.eval.Diagnostics;
import org.omnisila.engine.eval.Predictions;
import org.omnisila.engine.eval.TestFiles;

class PredictionFilesTest {
    @TempDir
    Path dir;

    private static VideoAnalysis analysis(String videoPath, List<LocatedSentiment> located) {
        SegmentResult s = new SegmentResult(0, 0, 2, List.of(0.0, 1.0), Map.of("negative", 0.8, "positive", 0.2),
                null, null, SceneCues.empty(), null);
        return new VideoAnalysis(new VideoInfo(videoPath, "ab".repeat(32), 2, 25, 640, 360),
                new ModelInfo("small-icm", "small", null, "cpu"), List.of(s), located);
    }

    @Test
    void readsOneResultFileAndAFolderOfThem() throws Exception {
        Path one = dir.resolve("one");
        Files.createDirectories(one);
        ResultJson.write(analysis("/footage/v_7.mp4", List.of(new LocatedSentiment(0, 2, "n", 0.8, "a raised fist"))),
                one.resolve("v_7.json"));
        ResultJson.write(analysis("clips/other.avi", List.of()), one.resolve("other.json"));

        Diagnostics d = new Diagnostics();
        Predictions single = PredictionFiles.read(one.resolve("v_7.json"), d);
        Predictions folder = PredictionFiles.read(one, d);

        assertFalse(d.hasErrors(), () -> d.all().toString());
        assertEquals(List.of("v_7"), List.copyOf(single.byVideo().keySet()));
        assertEquals("negative", single.of("v_7").get(0).label());
        assertEquals("a raised fist", single.of("v_7").get(0).attribution());
        assertEquals(List.of("other", "v_7"), List.copyOf(folder.byVideo().keySet()));
    }

    @Test
    void activityNetFilesStillGoToTheirReader() {
        Diagnostics d = new Diagnostics();
        Predictions p = PredictionFiles.read(TestFiles.resource("eval/reference/ties_pred.json"), d);
        assertEquals(7, p.byVideo().size()); // a, b, c, d, zz, e, f
    }

    @Test
    void aBadResultFileIsReportedWithItsField() throws Exception {
        Path f = TestFiles.write(dir, "bad.json", "{\"schemaVersion\": 9, \"video\": {}}");
        Diagnostics d = new Diagnostics();
        PredictionFiles.read(f, d);
        assertTrue(d.hasErrors());
        assertTrue(d.errors().get(0).toString().contains("bad.json"), d.errors().toString());
        assertTrue(d.errors().get(0).message().contains("newer"), d.errors().toString());
    }

    @Test
    void videoIdIsTheFileNameWithoutExtension() {
        assertEquals("v_12", PredictionFiles.videoId("/data/v_12.mp4"));
        assertEquals("clip.final", PredictionFiles.videoId("clip.final.mkv"));
        assertEquals("noext", PredictionFiles.videoId("noext"));
    }
}
