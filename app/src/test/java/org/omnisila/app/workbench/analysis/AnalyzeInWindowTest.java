package org.omnisila.app.workbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.app.workbench.MainWindow;
import org.omnisila.engine.analysis.AnalysisListener;
import org.omnisila.engine.analysis.AnalysisOutcome;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.Sha256;
import org.omnisila.engine.video.SyntheticVideo;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Analyze in the window, headless on Monocle, with the embedded model and the real extractors (loaded once for
 * the class: every window gets the same engine, which only the class closes).
 */
@ExtendWith(ApplicationExtension.class)
class AnalyzeInWindowTest {
    private static CheckpointAnalysisEngine shared;
    private static Path videos;
    private static Path shortVideo;
    private static Path otherVideo;
    private static Path longVideo;

    @TempDir
    Path storeDir;
    private ResultStore store;
    private MainWindow window;

    @BeforeAll
    static void videos() throws Exception {
        shared = new CheckpointAnalysisEngine(new ModelFiles(), null);
        videos = Files.createTempDirectory("analyze-in-window");
        shortVideo = videos.resolve("short.mp4");
        SyntheticVideo.mp4(160, 120, 10, 40).write(shortVideo);
        otherVideo = videos.resolve("other.mp4");
        SyntheticVideo.mp4(160, 120, 10, 20).write(otherVideo);
        longVideo = videos.resolve("long.mp4");
        SyntheticVideo.mp4(160, 120, 10, 1200).write(longVideo);
    }

    @AfterAll
    static void close() throws Exception {
        shared.close();
        try (var files = Files.list(videos)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(videos);
    }

    /** The shared engine, left open when a window closes. */
    private static final class Shared implements AnalysisEngine {
        @Override
        public String model() {
            return shared.model();
        }

        @Override
        public String device() {
            return shared.device();
        }

        @Override
        public String modelSha256() {
            return shared.modelSha256();
        }

        @Override
        public AnalysisOutcome analyze(Path video, AnalysisListener listener, BooleanSupplier cancelled) {
            return shared.analyze(video, listener, cancelled);
        }

        @Override
        public void close() {
        }
    }

    @Start
    void start(Stage stage) {
        store = new ResultStore(storeDir);
        window = new MainWindow(stage, new AnalysisViewModel(new Shared(), store));
        stage.setScene(new Scene(window.root(), 1000, 700));
        stage.show();
    }

    /**
     * What an analyst does first: open a video, Analyze, see its segments on the timeline, click the second one and
     * see the player go there and the panel fill, export the HTML report; the result is kept, and reopening the
     * video shows it without analysing again.
     */
    @Test
    void analyzeClickASegmentExportTheReportAndAReopenShowsTheKeptResult(FxRobot robot, @TempDir Path out)
            throws Exception {
        robot.interact(() -> window.open(shortVideo));
        robot.clickOn("#analyze");
        waitUntil(60, () -> window.timeline().dataProperty().get() != null);
        assertEquals(2, window.timeline().dataProperty().get().analysis().segments().size(), "4 s in 2-s segments");
        Path stored = store.file(Sha256.of(shortVideo), shared.modelSha256());
        assertTrue(Files.isRegularFile(stored), stored + " written");
        assertEquals(1, window.analysis().runs());
        waitUntil(5, () -> !window.analysis().runningProperty().get());
        assertFalse(robot.lookup("#analysis-progress").query().isVisible(), "the progress bar goes away");

        var segments = window.timeline().dataProperty().get().analysis().segments();
        javafx.scene.canvas.Canvas canvas = robot.lookup("#timeline-canvas").queryAs(javafx.scene.canvas.Canvas.class);
        double x = window.timeline().scaleProperty().get().xOf(3.0); // inside the second segment, 2-4 s
        robot.clickOn(canvas.localToScreen(x, org.omnisila.app.workbench.timeline.TimelineLayout.ROUTING.top() + 5),
                javafx.scene.input.MouseButton.PRIMARY);
        waitUntil(10, () -> Math.abs(window.playerModel().currentTimeProperty().get() - 3.0) < 0.11);
        assertEquals(segments.get(1), window.segmentPanel().segmentProperty().get());
        String title = robot.lookup("#segment-title").queryAs(Label.class).getText();
        assertTrue(title.startsWith("Segment " + segments.get(1).index() + ": 2.00-4.00 s, "), title);
        assertFalse(robot.lookup("#effect-face").queryAs(Label.class).getText().isEmpty(), "causal effects shown");

        Path report = out.resolve("short.html");
        java.util.List<java.util.concurrent.CompletableFuture<Boolean>> done = new java.util.ArrayList<>();
        robot.interact(() -> done.add(window.exports().export(
                org.omnisila.app.workbench.export.ExportViewModel.Format.HTML_REPORT, report,
                window.playerModel().videoProperty().get())));
        assertTrue(done.get(0).get(60, TimeUnit.SECONDS));
        String html = Files.readString(report);
        assertTrue(html.contains("short.mp4") && html.contains("<table"), "the report names the video, has a table");
        waitUntil(5, () -> robot.lookup("#export-message").queryAs(Label.class).getText().equals("Exported "
                + report));

        robot.interact(() -> window.open(otherVideo));
        waitUntil(5, () -> window.timeline().dataProperty().get() == null);
        robot.interact(() -> window.open(shortVideo));
        waitUntil(10, () -> window.timeline().dataProperty().get() != null);
        assertEquals(2, window.timeline().dataProperty().get().analysis().segments().size());
        assertEquals(1, window.analysis().runs(), "the stored result is shown, the engine not run again");
    }

    @Test
    void cancelStopsMidwayWithNoResultAndNothingStored(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(longVideo));
        robot.clickOn("#analyze");
        Node bar = robot.lookup("#analysis-progress").query();
        waitUntil(60, () -> window.analysis().progressProperty().get() > 0.02);
        assertTrue(bar.isVisible());
        String text = robot.lookup("#analysis-progress-text").queryAs(Label.class).getText();
        assertTrue(text.startsWith("decoding and scene extraction "), text);
        robot.clickOn("#analysis-cancel");
        waitUntil(30, () -> !window.analysis().runningProperty().get());
        assertTrue(window.analysis().progressProperty().get() < 0.5, "stopped midway");
        assertFalse(bar.isVisible(), "the progress bar goes away");
        assertNull(window.timeline().dataProperty().get());
        assertNull(window.analysis().resultProperty().get());
        assertEquals("Analysis cancelled; nothing was stored.", message(robot).getText());
        assertFalse(Files.isRegularFile(store.file(Sha256.of(longVideo), shared.modelSha256())));
    }

    @Test
    void aTextFileNamedMp4GivesAMessageWithWhatToDo(FxRobot robot, @TempDir Path dir) throws Exception {
        Path notAVideo = dir.resolve("notes.mp4");
        Files.writeString(notAVideo, "these are my notes, not a video\n");
        robot.interact(() -> window.open(notAVideo));
        robot.clickOn("#analyze");
        waitUntil(30, () -> message(robot).isVisible());
        String text = message(robot).getText();
        assertTrue(text.startsWith("Cannot analyse "), text);
        assertTrue(text.contains("notes.mp4: not a video file"), text);
        assertTrue(text.contains("Choose a video file"), text);
        assertFalse(text.contains("Exception") || text.contains("\tat "), text);
        assertNull(window.timeline().dataProperty().get());
    }

    @Test
    void aDamagedStoredResultIsIgnoredWithANotice(FxRobot robot) throws Exception {
        Path stored = store.file(Sha256.of(otherVideo), shared.modelSha256());
        Files.writeString(stored, "{ \"schemaVersion\": 2, ");
        robot.interact(() -> window.open(otherVideo));
        waitUntil(10, () -> message(robot).isVisible());
        assertTrue(message(robot).getText().startsWith("The stored result of this video is damaged"),
                message(robot).getText());
        assertNull(window.timeline().dataProperty().get());
        assertEquals(0, window.analysis().runs());
    }

    @Test
    void theStatusBarNamesTheDevice(FxRobot robot) throws Exception {
        Label status = robot.lookup("#status").queryAs(Label.class);
        waitUntil(30, () -> status.getText().matches("^Device: (CPU|CUDA)  \\|  Model: .*"));
        assertTrue(status.getText().contains("|  Model: Embedded default"), status.getText());
    }

    @Test
    void aDamagedCheckpointFolderIsRefusedWithWhyAndTheModelStays(FxRobot robot, @TempDir Path empty) throws Exception {
        Label status = robot.lookup("#status").queryAs(Label.class);
        waitUntil(30, () -> status.getText().contains("Model: Embedded default"));
        robot.interact(() -> window.analysis().chooseModel(() -> CheckpointAnalysisEngine.checkpoint(empty,
                new ModelFiles(), null)));
        waitUntil(10, () -> message(robot).isVisible());
        String text = message(robot).getText();
        assertTrue(text.startsWith("Cannot use that model: ") && text.contains("checkpoint.json")
                && text.endsWith("The model in use is unchanged."), text);
        assertTrue(status.getText().contains("Model: Embedded default"), status.getText());
        assertFalse(window.analysis().choosingProperty().get());
    }

    @Test
    void aChosenCheckpointFolderNamesItselfAndFindsItsStoredResults(FxRobot robot) throws Exception {
        Path folder = org.omnisila.engine.analysis.EmbeddedModel.checkpoint(new ModelFiles());
        org.omnisila.engine.api.ResultJson.write(org.omnisila.app.workbench.timeline.Fixtures.analysis(),
                store.file(Sha256.of(otherVideo), shared.modelSha256()));
        robot.interact(() -> window.analysis().chooseModel(() -> CheckpointAnalysisEngine.checkpoint(folder,
                new ModelFiles(), null)));
        Label status = robot.lookup("#status").queryAs(Label.class);
        waitUntil(30, () -> status.getText().contains("Model: checkpoint " + folder + " (config "));
        assertTrue(message(robot).getText().startsWith("Analysing with checkpoint "), message(robot).getText());
        robot.interact(() -> window.open(otherVideo));
        waitUntil(10, () -> window.timeline().dataProperty().get() != null);
        assertEquals(0, window.analysis().runs(), "the same checkpoint's stored result, no analysis");
    }

    private static Label message(FxRobot robot) {
        return robot.lookup("#analysis-message").queryAs(Label.class);
    }

    private static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }
}
