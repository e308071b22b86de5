package org.omnisila.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.video.SyntheticVideo;
import org.omnisila.app.workbench.timeline.Fixtures;
import org.omnisila.engine.api.ResultJson;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window's regions, headless on Monocle. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        stage.setScene(new Scene(window.root(), 1000, 700));
        stage.show();
    }

    @Test
    void theStatusBarSaysWhichModelAnswers(FxRobot robot) throws Exception {
        Label status = robot.lookup("#status").queryAs(Label.class);
        waitUntil(() -> status.getText().contains("distilled"));
        assertTrue(status.getText().contains("distilled"), status.getText());
    }

    @Test
    void anOpenedVideoIsListedOnceAndSelected(FxRobot robot) {
        Path video = Path.of("clips", "a.mp4");
        robot.interact(() -> {
            window.open(video);
            window.open(video);
        });
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        ListView<Path> library = robot.lookup("#library").queryAs(ListView.class);
        assertEquals(1, library.getItems().size());
        assertEquals(video.toAbsolutePath().normalize(), library.getSelectionModel().getSelectedItem());
    }

    @Test
    void aMalformedResultJsonGivesADialogWithTheReadersMessage(FxRobot robot, @TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.result.json");
        String json = ResultJson.toJson(Fixtures.analysis()).replace("\"end\": 4.0", "\"end\": 1.0");
        Files.writeString(bad, json);
        boolean[] opened = {true};
        robot.interact(() -> opened[0] = window.openResult(bad));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(opened[0]);
        DialogPane dialog = robot.lookup("#result-error").queryAs(DialogPane.class);
        String message = dialog.getContentText();
        assertTrue(message.startsWith(bad.toString() + ", line "), message);
        assertTrue(message.contains("segments[1].end"), message);
        assertFalse(message.contains("Exception"), message);
        robot.interact(() -> dialog.getScene().getWindow().hide());
    }

    @Test
    void anOpenedResultFillsTimelineAndSegmentPanel(FxRobot robot, @TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.result.json");
        ResultJson.write(Fixtures.analysis(), good);
        robot.interact(() -> assertTrue(window.openResult(good)));
        robot.interact(() -> window.timeline().seek(3.0));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Segment 1: 2.00-4.00 s, negative 0.87",
                robot.lookup("#segment-title").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#timeline-canvas").tryQuery().isPresent());
    }

    @Test
    void anOpenedResultCanBeExportedAndAskedAbout(FxRobot robot, @TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.result.json");
        ResultJson.write(Fixtures.analysis(), good);
        robot.interact(() -> assertTrue(window.openResult(good)));
        Path csv = dir.resolve("located.csv");
        java.util.List<java.util.concurrent.CompletableFuture<Boolean>> done = new java.util.ArrayList<>();
        robot.interact(() -> done.add(window.exports().export(
                org.omnisila.app.workbench.export.ExportViewModel.Format.LOCATED_CSV, csv, null)));
        assertTrue(done.get(0).get(10, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.readString(csv).startsWith("video,start,end,label,score,attribution"));
        Label message = robot.lookup("#export-message").queryAs(Label.class);
        assertEquals("Exported " + csv, message.getText());
        robot.clickOn("#instruction-question").eraseText(200).write("identify");
        robot.clickOn("#instruction-ask");
        javafx.scene.control.TextArea answer = robot.lookup("#instruction-answer").queryAs(
                javafx.scene.control.TextArea.class);
        assertTrue(answer.getText().startsWith("The explicit visual sentiment"), answer.getText());
        assertTrue(robot.lookup("#instruction-answered-by").queryAs(Label.class).getText().startsWith("Answered by "));
    }

    @Test
    void aTextFileNamedMp4ShowsWhyItCannotBePlayed(FxRobot robot, @TempDir Path dir) throws Exception {
        Path notAVideo = dir.resolve("notes.mp4");
        Files.writeString(notAVideo, "these are my notes, not a video\n");
        robot.interact(() -> window.open(notAVideo));
        Label message = robot.lookup("#playerMessage").queryAs(Label.class);
        waitUntil(() -> message.isVisible());
        assertTrue(message.getText().contains("notes.mp4: not a video file: it holds text"), message.getText());
        assertTrue(robot.lookup("#play").query().isDisabled(), "no controls for a file that does not play");
    }

    @Test
    void keysMoveBetweenLocatedSentimentsAndCtrlLLoopsTheOneAtThePlayhead(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path video = dir.resolve("clip.mp4");
        SyntheticVideo.mp4(64, 48, 10, 60).write(video);
        Path result = dir.resolve("clip.result.json");
        ResultJson.write(Fixtures.analysis(), result);
        robot.interact(() -> {
            window.open(video);
            assertTrue(window.openResult(result));
        });
        waitUntil(() -> window.player().viewModel().durationProperty().get() > 0);
        robot.interact(() -> window.root().requestFocus());
        robot.type(javafx.scene.input.KeyCode.N);
        waitUntil(() -> Math.abs(window.player().viewModel().currentTimeProperty().get() - 0.5) < 0.06);
        robot.type(javafx.scene.input.KeyCode.N);
        waitUntil(() -> Math.abs(window.player().viewModel().currentTimeProperty().get() - 2.0) < 0.06);

        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.L)
                .release(javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new org.omnisila.app.workbench.player.PlayerViewModel.Loop(2.0, 5.0),
                window.player().viewModel().loopProperty().get(), "the located sentiment 2-5 s");
        assertEquals("Looping 2.00-5.00 s (Ctrl+L stops)", robot.lookup("#loop-message").queryAs(Label.class)
                .getText());
        assertTrue(window.player().viewModel().playingProperty().get(), "a loop plays");
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.L)
                .release(javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(window.player().viewModel().loopProperty().get());
        assertEquals("", robot.lookup("#loop-message").queryAs(Label.class).getText());
        robot.interact(() -> window.player().viewModel().close());
    }

    /** A result of the video in the player (its stored result, another model's) keeps the place in the video. */
    @Test
    void aResultOfTheVideoPlayingKeepsThePlayheadAndSelectsTheSegmentThere(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path video = dir.resolve("clip.mp4");
        SyntheticVideo.mp4(64, 48, 10, 60).write(video);
        org.omnisila.engine.api.VideoAnalysis fixture = Fixtures.analysis();
        org.omnisila.engine.api.VideoInfo v = fixture.video();
        org.omnisila.engine.api.VideoAnalysis mine = new org.omnisila.engine.api.VideoAnalysis(
                new org.omnisila.engine.api.VideoInfo(video.toString(), v.sha256(), v.duration(), v.fps(), v.width(),
                        v.height()), fixture.model(), fixture.segments(), fixture.located(), fixture.warnings());
        robot.interact(() -> window.open(video));
        waitUntil(() -> window.player().viewModel().durationProperty().get() > 0);
        robot.interact(() -> window.timeline().seek(2.5));
        waitUntil(() -> Math.abs(window.player().viewModel().currentTimeProperty().get() - 2.5) < 0.11);
        robot.interact(() -> window.showAnalysis(mine));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2.5, window.timeline().playheadProperty().get(), 0.11);
        org.omnisila.engine.api.SegmentResult selected = window.timeline().selectedSegmentProperty().get();
        assertTrue(selected != null && selected.start() <= 2.5 && selected.end() > 2.4, "the segment at 2.5 s: "
                + selected);
        // another video's result starts at its beginning
        org.omnisila.engine.api.VideoAnalysis other = new org.omnisila.engine.api.VideoAnalysis(
                new org.omnisila.engine.api.VideoInfo(dir.resolve("other.mp4").toString(), "b".repeat(64),
                        v.duration(), v.fps(), v.width(), v.height()), fixture.model(), fixture.segments(),
                fixture.located(), fixture.warnings());
        robot.interact(() -> window.showAnalysis(other));
        try {
            waitUntil(() -> window.player().viewModel().currentTimeProperty().get() < 0.11
                    && window.timeline().playheadProperty().get() < 0.11);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("player " + window.player().viewModel().currentTimeProperty().get()
                    + ", timeline " + window.timeline().playheadProperty().get(), e);
        }
        robot.interact(() -> window.player().viewModel().close());
    }

    @Test
    void f1ShowsTheShortcutSheet(FxRobot robot) {
        robot.interact(() -> window.root().requestFocus());
        robot.type(javafx.scene.input.KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node sheet = robot.lookup("#shortcut-sheet").query();
        assertTrue(sheet.isVisible());
        assertTrue(robot.from(sheet).lookup((Label l) -> "Ctrl+L".equals(l.getText())).tryQuery().isPresent());
        robot.interact(() -> ((javafx.stage.Stage) sheet.getScene().getWindow()).close());
    }

    @Test
    void anOpenedVideoPlaysInTheCentre(FxRobot robot, @TempDir Path dir) throws Exception {
        Path video = dir.resolve("clip.mp4");
        SyntheticVideo.mp4(64, 48, 10, 10).write(video);
        robot.interact(() -> window.open(video));
        waitUntil(() -> window.player().viewModel().durationProperty().get() > 0);
        assertEquals(1.0, window.player().viewModel().durationProperty().get(), 0.05);
        assertTrue(window.centre().getChildren().contains(window.player()));
        robot.interact(() -> window.player().viewModel().close());
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }

    @Test
    void computedCuesAreDrawnAtThePlayersTimeAndFollowTheViewToggles(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path video = dir.resolve("clip.mp4");
        SyntheticVideo.mp4(160, 120, 10, 40).write(video);
        robot.interact(() -> window.open(video));
        WaitForAsyncUtils.waitForFxEvents();
        Path opened = video.toAbsolutePath().normalize();
        java.util.Map<String, Float> p = java.util.Map.of("happy", 0.92f);
        var face = new org.omnisila.engine.scene.export.SceneCueFile.FaceCue(
                new org.omnisila.engine.api.Box(10, 20, 30, 40), 0.99f, p, "happy");
        var cup = new org.omnisila.engine.scene.export.SceneCueFile.ObjectCue("cup", 41,
                new org.omnisila.engine.api.Box(60, 60, 20, 20), 0.7f);
        java.util.List<org.omnisila.engine.scene.export.SceneCueFile.FrameCues> frames = new java.util.ArrayList<>();
        for (int k = 0; k < 8; k++) {
            double t = 0.125 + 0.25 * k;
            frames.add(new org.omnisila.engine.scene.export.SceneCueFile.FrameCues(k, t, t, java.util.List.of(face),
                    java.util.List.of(), java.util.List.of(cup), java.util.List.of(), null));
        }
        robot.interact(() -> window.overlays().setTrack(opened, org.omnisila.app.workbench.overlay.CueTrack.of(
                java.util.List.of(new org.omnisila.engine.scene.export.SceneCueFile.SegmentCues(0, 0, 2, frames)))));
        window.player().viewModel().seek(1.0).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(java.util.List.of("happy 0.92", "cup"), labels());
        javafx.scene.control.MenuBar bar = robot.lookup("#menu").queryAs(javafx.scene.control.MenuBar.class);
        javafx.scene.control.Menu view = bar.getMenus().stream().filter(m -> m.getText().equals("View"))
                .findFirst().orElseThrow();
        assertEquals(java.util.List.of("Faces", "Poses", "Objects", "Background mask", "Annotation mode"),
                view.getItems().stream().map(javafx.scene.control.MenuItem::getText).filter(t -> t != null)
                        .toList());
        assertTrue(view.getItems().subList(0, 4).stream()
                .allMatch(i -> ((javafx.scene.control.CheckMenuItem) i).isSelected()));
        robot.interact(() -> ((javafx.scene.control.CheckMenuItem) view.getItems().get(0)).setSelected(false));
        assertEquals(java.util.List.of("cup"), labels());
        robot.interact(() -> ((javafx.scene.control.CheckMenuItem) view.getItems().get(2)).setSelected(false));
        assertTrue(labels().isEmpty());
    }

    private java.util.List<String> labels() {
        WaitForAsyncUtils.waitForFxEvents();
        return window.player().viewModel().overlay().stream()
                .filter(org.omnisila.app.workbench.player.OverlayBox.class::isInstance)
                .map(s -> ((org.omnisila.app.workbench.player.OverlayBox) s).label()).toList();
    }
}
