package org.omnisila.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.analysis.CheckpointModels;
import org.omnisila.engine.analysis.EmbeddedModel;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.icm.IcmModel;
import org.omnisila.engine.icm.checkpoint.IcmCheckpoint;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.SceneExtractor;
import org.omnisila.engine.scene.SceneExtractors;
import org.omnisila.engine.video.SyntheticVideo;

/** analyze as a user runs it, with a seeded untrained checkpoint of the extractors' widths. */
class AnalyzeCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private Path checkpoint() {
        List<Integer> widths;
        List<SceneExtractor> extractors = SceneExtractors.open(Device.cpu(), new ModelFiles());
        try {
            widths = extractors.stream().map(SceneExtractor::width).toList();
        } finally {
            extractors.forEach(SceneExtractor::close);
        }
        Path ckpt = dir.resolve("ckpt");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            IcmModel model = CheckpointModels.untrained(widths, SentimentLabels.EXPLICIT, manager, 4);
            IcmCheckpoint.save(ckpt, model.config(), model, model.iec().getDictionary(), Map.of("variant", "FULL"));
        }
        return ckpt;
    }

    @Test
    void writesTheResultJsonOfAVideo() throws Exception {
        Path video = dir.resolve("clip.mp4");
        SyntheticVideo.mp4(160, 120, 10, 40).write(video);
        Path out = dir.resolve("clip.json");
        assertEquals(0, cli.run("analyze", video.toString(), "--model", checkpoint().toString(), "--out",
                out.toString(), "--device", "cpu"), cli.err::toString);
        VideoAnalysis a = ResultJson.read(out);
        assertEquals(2, a.segments().size(), "4 s in 2 s segments");
        assertEquals("cpu", a.model().device());
        assertEquals(IcmCheckpoint.read(dir.resolve("ckpt")).sha256(), a.model().checkpointSha256());
        assertTrue(cli.out.toString().contains("2 segments"), cli.out.toString());
        assertTrue(cli.err.toString().contains("100.0%"), cli.err.toString());
    }

    @Test
    void withoutAModelTheEmbeddedOneAnalysesAndSaysWhatItIs() throws Exception {
        Path video = dir.resolve("plain.mp4");
        SyntheticVideo.mp4(160, 120, 10, 20).write(video);
        Path out = dir.resolve("plain.json");
        assertEquals(0, cli.run("analyze", video.toString(), "--out", out.toString(), "--device", "cpu",
                "--no-cache"), cli.err::toString);
        VideoAnalysis a = ResultJson.read(out);
        Path embedded = EmbeddedModel.checkpoint(new ModelFiles());
        assertEquals(IcmCheckpoint.read(embedded).sha256(), a.model().checkpointSha256());
        assertEquals(SentimentLabels.EXPLICIT, List.copyOf(a.segments().get(0).sentimentScores().keySet()));
        assertTrue(cli.err.toString().contains("the embedded model (" + EmbeddedModel.summary()), cli.err.toString());
    }

    @Test
    void aFileThatIsNotAVideoIsAClearMessage() throws Exception {
        Path text = dir.resolve("notes.mp4");
        Files.writeString(text, "{\"not\": \"a video\"}\n");
        assertEquals(1, cli.run("analyze", text.toString(), "--model", checkpoint().toString()));
        assertTrue(cli.err.toString().contains("notes.mp4"), cli.err.toString());
        assertTrue(!cli.err.toString().contains("at org."), "no stack trace: " + cli.err);
    }
}
