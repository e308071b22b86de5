package org.omnisila.app.workbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.app.cli.TinyAdapter;
import org.omnisila.app.workbench.MainWindow;
import org.omnisila.engine.analysis.EmbeddedModel;
import org.omnisila.engine.api.SegmentResult;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.llm.run.FullModelHash;
import org.omnisila.engine.llm.video.FusionMode;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.Sha256;
import org.omnisila.engine.video.SyntheticVideo;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Analysis > Analyze with the full model in the window, headless on Monocle: the tiny Video-LLaVA with a tiny ICM
 * adapter (fusion ADD, so the SBM gives routing P) loaded through the instruction box, the same instance analysing
 * and answering. The small model is the embedded one, whose hash is read but which never runs here.
 */
@ExtendWith(ApplicationExtension.class)
class FullModelAnalysisInWindowTest {
    @TempDir
    static Path dir;
    private static Path video;
    private static Path adapter;

    @TempDir
    Path storeDir;
    private ResultStore store;
    private MainWindow window;

    @BeforeAll
    static void videoAndAdapter() throws Exception {
        video = dir.resolve("v.mp4");
        SyntheticVideo.mp4(160, 120, 10, 30).texture(true).write(video);
        adapter = dir.resolve("adapter");
        Files.createDirectories(adapter);
        TinyAdapter.write(adapter, FusionMode.ADD, TinyAdapter.extractorWidths());
    }

    @Start
    void start(Stage stage) {
        store = new ResultStore(storeDir);
        window = new MainWindow(stage, new AnalysisViewModel(new CheckpointAnalysisEngine(new ModelFiles(), null),
                store));
        stage.setScene(new Scene(window.root(), 1100, 760));
        stage.show();
    }

    private static void waitUntil(int seconds, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void analyzesWithTheLoadedFullModelSharedWithTheInstructionBoxAndStoredApart(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(video));
        robot.interact(() -> window.instruction().loadFullModel(TinyAdapter.base(), null, adapter, Device.cpu()));
        waitUntil(180, () -> window.analysis().modelProperty().get().startsWith("full model ICM+Video-LLaVA")
                && !window.analysis().choosingProperty().get());
        SharedFullModel shared = window.instruction().loadedModelProperty().get();
        assertNotNull(shared);
        String fullHash = FullModelHash.of(TinyAdapter.base(), null, adapter);
        assertEquals(fullHash, shared.info().checkpointSha256());
        String status = text(robot, "#status");
        assertTrue(status.contains("Model: full model ICM+Video-LLaVA (full-"), status);
        assertTrue(status.startsWith("Device: CPU"), status);

        // the engine passes Cancel on to FullAnalyzer (it stops at the first frame, not after the answer)
        assertThrows(org.omnisila.engine.video.VideoCancelledException.class, () -> new FullModelAnalysisEngine(
                shared, 8).analyze(video, (phase, f) -> { }, () -> true));
        // Cancel as for the small model: nothing stored, the message says so
        robot.interact(() -> {
            window.analysis().analyze();
            window.analysis().cancel();
        });
        waitUntil(120, () -> !window.analysis().runningProperty().get());
        assertEquals("Analysis cancelled; nothing was stored.", text(robot, "#analysis-message"));
        assertFalse(Files.isRegularFile(store.file(Sha256.of(video), fullHash)));
        assertNull(window.timeline().dataProperty().get());

        java.util.List<String> phases = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> window.analysis().progressTextProperty().addListener((o, was, now) -> phases.add(now)));
        robot.clickOn("#analyze");
        waitUntil(300, () -> window.timeline().dataProperty().get() != null
                && !window.analysis().runningProperty().get());
        VideoAnalysis a = window.timeline().dataProperty().get().analysis();
        assertEquals(fullHash, a.model().checkpointSha256(), "the result is the full model's");
        assertEquals(1, a.segments().size(), "one whole-video segment");
        SegmentResult s = a.segments().get(0);
        assertEquals(0, s.start(), 1e-9);
        assertEquals(a.video().duration(), s.end(), 1e-6);
        assertEquals(2, window.analysis().runs(), "the cancelled run and this one");
        assertTrue(phases.stream().anyMatch(t -> t.contains("frames and scenes") || t.contains("answer")
                || t.contains("label scores")), "the full model's phases in the progress text: " + phases);
        assertTrue(Files.isRegularFile(store.file(Sha256.of(video), fullHash)), "stored under the full model's hash");

        // the panel: scores, routing and causal-effect bars, the note instead of empty cues
        assertEquals(s, window.segmentPanel().segmentProperty().get());
        assertEquals(s.sentimentScores().size(), robot.lookup("#segment-scores").queryAs(VBox.class)
                .getChildren().size());
        assertTrue(s.sentimentScores().size() >= 15, "the known labels scored");
        assertNotNull(s.routing(), "fusion ADD: the SBM's P");
        assertEquals(4, robot.lookup("#segment-routing").queryAs(VBox.class).getChildren().size());
        assertFalse(robot.lookup("#segment-routing-note").query().isVisible());
        if (s.causalEffect() != null) { // the scene block's interventions, when the answer named a label
            assertEquals(4, robot.lookup("#segment-effects").queryAs(VBox.class).getChildren().size());
            assertFalse(robot.lookup("#segment-effect-note").query().isVisible());
        } else {
            assertTrue(robot.lookup("#segment-effects").queryAs(VBox.class).getChildren().isEmpty());
            String effects = text(robot, "#segment-effect-note");
            assertTrue(effects.startsWith("No causal effects: this full model"), effects);
        }
        String cues = text(robot, "#segment-cue-note");
        assertTrue(cues.contains("not computed by the full model"), cues);
        assertTrue(robot.lookup("#segment-cue-note").query().isVisible());

        // the instruction box answers afterwards, with the same model
        robot.interact(() -> window.instruction().questionProperty().set("What happens?"));
        robot.clickOn("#instruction-ask");
        waitUntil(180, () -> !window.instruction().busyProperty().get()
                && !window.instruction().answeredByProperty().get().isEmpty());
        String by = window.instruction().answeredByProperty().get();
        assertTrue(by.startsWith("Answered by ICM+Video-LLaVA (full-"), by + " / " + window.instruction()
                .answerProperty().get());
        assertSame(shared, window.instruction().loadedModelProperty().get(), "not loaded again");
        assertEquals(0, shared.closes());

        // the small model does not show the full model's stored result
        robot.interact(() -> window.analysis().chooseModel(() -> new CheckpointAnalysisEngine(new ModelFiles(),
                null)));
        waitUntil(60, () -> window.analysis().modelProperty().get().equals(EmbeddedModel.summary())
                && !window.analysis().choosingProperty().get());
        Thread.sleep(1500); // the stored-result lookup for the small model's hash
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(window.analysis().resultProperty().get(), "no small-model result for this video");
        assertNull(window.timeline().dataProperty().get());
        assertEquals(0, shared.closes(), "choosing the small model leaves the full model loaded for the box");

        // Analysis > Analyze with the full model goes back to it, and its stored result shows without a run
        robot.clickOn("Analysis").clickOn("Analyze with the full model");
        waitUntil(60, () -> window.timeline().dataProperty().get() != null);
        assertTrue(window.analysis().modelProperty().get().startsWith("full model ICM+Video-LLaVA"));
        assertEquals(fullHash, window.timeline().dataProperty().get().analysis().model().checkpointSha256());
        assertEquals(2, window.analysis().runs(), "the stored result, not another analysis");

        // windows of 1 s: a segment each on the timeline, stored apart from the whole-video result
        robot.interact(() -> window.setFullModelWindow(1.0));
        waitUntil(60, () -> window.analysis().modelProperty().get().endsWith(", windows of 1 s")
                && !window.analysis().choosingProperty().get());
        robot.clickOn("#analyze");
        waitUntil(300, () -> !window.analysis().runningProperty().get() && window.timeline().dataProperty().get() != null
                && window.timeline().dataProperty().get().analysis().segments().size() > 1);
        VideoAnalysis windowed = window.timeline().dataProperty().get().analysis();
        assertEquals(Math.round(windowed.video().duration()), windowed.segments().size(), "1-s windows");
        String windowKey = new FullModelAnalysisEngine(shared, 8, 1.0).modelSha256();
        assertFalse(windowKey.equals(fullHash));
        assertTrue(Files.isRegularFile(store.file(Sha256.of(video), windowKey)), "stored under the windows' key");
        assertTrue(Files.isRegularFile(store.file(Sha256.of(video), fullHash)), "the whole-video result kept");
        robot.interact(() -> window.setFullModelWindow(0));
        waitUntil(60, () -> window.timeline().dataProperty().get() != null
                && window.timeline().dataProperty().get().analysis().segments().size() == 1);
        assertThrows(IllegalArgumentException.class, () -> window.setFullModelWindow(-1));

        // closing the full model: closed once, and the analysis falls back to the model used before, saying so
        robot.interact(() -> window.instruction().close());
        waitUntil(60, () -> window.analysis().modelProperty().get().equals(EmbeddedModel.summary()));
        assertEquals(1, shared.closes());
        String message = text(robot, "#analysis-message");
        assertTrue(message.startsWith("The full model was closed: analysing with "), message);
        shared.close();
        assertEquals(1, shared.closes(), "a second close does nothing");
    }

    /** {@code workbench VIDEO --llm DIR --adapter DIR --analyze}: the analysis waits for the switch to the full model. */
    @Test
    void analyzeWhenReadyRunsWithTheFullModelOnceLoaded(FxRobot robot) throws Exception {
        robot.interact(() -> window.open(video));
        java.util.List<java.util.concurrent.CompletableFuture<Void>> done = new java.util.ArrayList<>();
        robot.interact(() -> done.add(window.instruction().loadFullModel(TinyAdapter.base(), null, adapter,
                Device.cpu()).thenCompose(ok -> window.analysis().analyzeWhenReady())));
        done.get(0).get(300, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, window.analysis().runs());
        assertNotNull(window.timeline().dataProperty().get(), window.analysis().messageProperty().get());
        assertEquals(FullModelHash.of(TinyAdapter.base(), null, adapter),
                window.timeline().dataProperty().get().analysis().model().checkpointSha256());
    }
}
