package org.omnisila.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.annotator.importer.AttributionImporter;
import org.omnisila.annotator.importer.ImportListener;
import org.omnisila.annotator.importer.ImportReport;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemFilter;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.app.workbench.annotate.AnnotationViewModel;
import org.omnisila.app.workbench.annotate.AnnotatorName;
import org.omnisila.engine.video.SyntheticVideo;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Annotation mode in the window, headless on Monocle: a project with three machine attributions of a generated
 * 6-second video at 10 fps, reviewed with the keys, the editor and the span's handles on the timeline.
 */
@ExtendWith(ApplicationExtension.class)
class AnnotationModeTest {
    @TempDir
    static Path shared;
    private static Path video;
    private MainWindow window;

    @BeforeAll
    static void video() throws Exception {
        video = shared.resolve("clip.mp4");
        SyntheticVideo.mp4(64, 48, 10, 60).write(video);
    }

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage);
        stage.setScene(new Scene(window.root(), 1260, 760));
        stage.show();
    }

    @org.junit.jupiter.api.AfterEach
    void closeProject() throws Exception {
        java.util.concurrent.CompletableFuture<Void>[] closing = new java.util.concurrent.CompletableFuture[1];
        new FxRobot().interact(() -> {
            closing[0] = window.annotation().model().close();
            window.playerModel().close();
        });
        closing[0].get(10, TimeUnit.SECONDS);
    }

    /** A new project holding the three attributions, opened in the window in annotation mode. */
    private Path openProject(FxRobot robot, Path dir) throws Exception {
        Path jsonl = dir.resolve("gpt4v.jsonl");
        Files.writeString(jsonl, String.join("\n", line(1.0, 2.0, "negative", "a frown"),
                line(2.5, 4.0, "positive", "a smile"), line(4.0, 5.5, "neutral", "a blank look")) + "\n");
        Path file = dir.resolve("review.sila");
        AnnotationProject.create(file, "Review test");
        try (AnnotationProject p = AnnotationProject.open(file, "importer")) {
            ImportReport report = AttributionImporter.importFile(p, jsonl, ImportListener.SILENT, () -> false);
            assertEquals(3, report.added(), report.summary());
        }
        robot.interact(() -> window.annotation().model().open(file, "Ann"));
        waitUntil(() -> model().queue().items().size() == 3);
        robot.interact(() -> window.annotation().activeProperty().set(true));
        waitUntil(() -> window.playerModel().durationProperty().get() > 0
                && Math.abs(window.playerModel().currentTimeProperty().get() - 1.0) < 0.06);
        robot.interact(() -> window.root().requestFocus());
        return file;
    }

    private static String line(double start, double end, String sentiment, String face) {
        return "{\"video\": \"" + video.toAbsolutePath() + "\", \"start\": " + start + ", \"end\": " + end
                + ", \"aspects\": {\"face\": \"" + face + "\", \"action\": \"standing\", \"object\": \"a sign\", "
                + "\"background\": \"a street\"}, "
                + "\"summary\": \"someone " + face + "\", \"sentiment\": \"" + sentiment + "\", \"generator\": "
                + "{\"name\": \"gpt-4-vision-preview\", \"version\": \"2024-04\"}}";
    }

    private AnnotationViewModel model() {
        return window.annotation().model();
    }

    /** The item as saved in the project file (read through the window's open project). */
    private Item saved(int position) {
        List<Item> all = model().projectProperty().get().items(ItemFilter.all());
        return all.get(position);
    }

    @Test
    void keysAcceptRejectMoveAndUndo(FxRobot robot, @TempDir Path dir) throws Exception {
        openProject(robot, dir);
        assertTrue(robot.lookup("#annotation-queue").tryQuery().isPresent(), "the queue replaces the library");
        assertEquals(saved(0).id(), model().selectedProperty().get().id());
        assertEquals(video.toAbsolutePath().normalize(), window.playerModel().videoProperty().get());

        robot.type(KeyCode.A);
        assertEquals(ItemState.ACCEPTED, saved(0).state());
        assertEquals("State: accepted, not rated", label("#editor-state"));
        robot.type(KeyCode.DOWN);
        assertEquals(saved(1).id(), model().selectedProperty().get().id());
        waitUntil(() -> Math.abs(window.playerModel().currentTimeProperty().get() - 2.5) < 0.06);
        robot.type(KeyCode.R);
        assertEquals(ItemState.REJECTED, saved(1).state());
        ToggleButton unreviewed = robot.lookup("#queue-show-unreviewed").queryAs(ToggleButton.class);
        waitUntil(() -> unreviewed.getText().equals("Unreviewed 1")); // counted off the window's thread
        assertEquals("Rejected 1", robot.lookup("#queue-show-rejected").queryAs(ToggleButton.class).getText());
        robot.type(KeyCode.UP);
        assertEquals(saved(0).id(), model().selectedProperty().get().id());

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertEquals(ItemState.UNREVIEWED, saved(1).state(), "undo takes back the reject");
        assertEquals(saved(1).id(), model().selectedProperty().get().id(), "the undone item is selected");
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        assertEquals(ItemState.REJECTED, saved(1).state(), "redo makes it again");
    }

    @Test
    void theModelsOpinionOfTheSpanIsShownBesideTheAttributionAndRecorded(FxRobot robot, @TempDir Path dir)
            throws Exception {
        openProject(robot, dir);
        Path result = dir.resolve("clip.result.json");
        org.omnisila.engine.api.ResultJson.write(org.omnisila.app.workbench.timeline.Fixtures.analysis(), result);
        robot.interact(() -> assertTrue(window.openResult(result)));
        Label opinion = robot.lookup("#editor-model").queryAs(Label.class);
        waitUntil(() -> !opinion.getText().isEmpty());
        // item 1 spans 1-2 s, inside the first segment (positive 0.70); the attribution says negative
        assertEquals("Model ICM: positive 0.70 over this span (the attribution says negative)", opinion.getText());
        var recorded = new org.omnisila.annotator.review.ModelOpinions(model().projectProperty().get())
                .latest(saved(0).id()).orElseThrow();
        assertEquals("positive", recorded.label());
        assertEquals(0.7, recorded.confidence(), 1e-9);
    }

    @Test
    void theShortcutSheetListsTheAnnotationKeys() {
        List<String> keys = ShortcutSheet.ROWS.stream().map(ShortcutSheet.Row::keys).toList();
        for (String key : List.of("A", "R", "Down / Up", "S", "Ctrl+Z", "Ctrl+Shift+Z or Ctrl+Y", "Ctrl+E")) {
            assertTrue(keys.contains(key), key + " in " + keys);
        }
    }

    @Test
    void sPlaysTheItemsSpanOnceAndPausesAtItsEnd(FxRobot robot, @TempDir Path dir) throws Exception {
        openProject(robot, dir);
        robot.type(KeyCode.S); // item 1: 1.0-2.0 s
        waitUntil(() -> window.playerModel().playingProperty().get());
        waitUntil(() -> !window.playerModel().playingProperty().get());
        double t = window.playerModel().currentTimeProperty().get();
        assertTrue(t >= 1.9 && t <= 2.2, "paused at the span's end, not at " + t);
        assertNull(window.playerModel().loopProperty().get(), "once, not a loop");
    }

    @Test
    void theKeysDoNothingOutsideAnnotationModeOrWhileTyping(FxRobot robot, @TempDir Path dir) throws Exception {
        openProject(robot, dir);
        robot.clickOn("#editor-summary");
        robot.type(KeyCode.END).type(KeyCode.A);
        assertEquals(ItemState.UNREVIEWED, saved(0).state(), "A types in the summary");
        assertEquals("someone a frowna", robot.lookup("#editor-summary").queryAs(javafx.scene.control.TextArea.class)
                .getText());
        robot.interact(() -> window.root().requestFocus());
        assertEquals("someone a frowna", saved(0).summary(), "saved as the summary loses the focus");
        assertEquals(ItemState.EDITED, saved(0).state());
        robot.interact(() -> window.annotation().activeProperty().set(false));
        robot.interact(() -> window.root().requestFocus());
        robot.type(KeyCode.R);
        assertEquals(ItemState.EDITED, saved(0).state(), "R does not reject outside annotation mode");
        assertFalse(robot.lookup("#annotation-queue").tryQuery().isPresent(), "the library is back");
    }

    @Test
    void anEditedAspectAndARatingAreSaved(FxRobot robot, @TempDir Path dir) throws Exception {
        openProject(robot, dir);
        robot.clickOn("#editor-aspect-face").eraseText(20).write("a deep frown");
        robot.clickOn("#rating-5"); // the aspect is saved as it loses the focus, then the rating
        WaitForAsyncUtils.waitForFxEvents();
        Item item = saved(0);
        assertEquals("a deep frown", item.aspects().face());
        assertEquals(5, item.rating());
        assertEquals(ItemState.EDITED, item.state());
        assertEquals("State: edited, rated 5", label("#editor-state"));
        robot.clickOn("#rating-5");
        assertNull(saved(0).rating(), "pressing the rating given takes it back");
        assertEquals("(edited)", label("#editor-aspect-face-state"));
        robot.clickOn("#editor-aspect-background-reject");
        assertEquals(ItemState.REJECTED, saved(0).aspectStates().background());
        assertEquals("(rejected)", label("#editor-aspect-background-state"));
        robot.clickOn("#editor-aspect-action-accept");
        assertEquals(ItemState.ACCEPTED, saved(0).aspectStates().action());
        assertEquals(ItemState.UNREVIEWED, saved(0).aspectStates().object(), "the other aspects are untouched");
    }

    @Test
    void anEndBeforeTheStartIsRefusedInlineAndTheTypedTextStays(FxRobot robot, @TempDir Path dir)
            throws Exception {
        openProject(robot, dir);
        robot.clickOn("#editor-end").eraseText(10).write("0.5").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2.0, saved(0).end(), 1e-9, "nothing saved");
        Label problem = robot.lookup("#annotation-problem").queryAs(Label.class);
        assertTrue(problem.isVisible());
        assertTrue(problem.getText().startsWith("The end (0.500 s) is before the start (1.000 s)"),
                problem.getText());
        assertEquals("0.5", robot.lookup("#editor-end").queryAs(TextField.class).getText());
        robot.clickOn("#editor-end").eraseText(10).write("2.46").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2.5, saved(0).end(), 1e-9, "snapped to the nearest frame at 10 fps");
        assertFalse(problem.isVisible(), "the saved edit clears the message");
    }

    @Test
    void draggingTheEndHandleSavesTheEndSnappedToFrames(FxRobot robot, @TempDir Path dir) throws Exception {
        openProject(robot, dir);
        Node handle = robot.lookup("#span-end-handle").query();
        waitUntil(handle::isVisible);
        var scale = window.timeline().scaleProperty().get();
        double pxPerSecond = scale.pixelsPerSecond();
        javafx.geometry.Bounds onScreen = handle.localToScreen(handle.getBoundsInLocal());
        Point2D from = new Point2D(onScreen.getCenterX(), onScreen.getCenterY());
        Point2D to = from.add(pxPerSecond * 1.02, 0); // one second later, a little past a frame
        robot.drag(from, MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double end = saved(0).end();
        assertEquals(3.0, end, 0.11, "dragged by a second");
        assertEquals(Math.round(end * 10) / 10.0, end, 1e-9, "on a frame of the 10 fps video");
        assertEquals(1.0, saved(0).start(), 1e-9, "the other boundary stays");
        assertEquals(1, model().projectProperty().get().auditLog(saved(0).id()).stream()
                .filter(e -> e.field() != null && e.field().equals("end")).count(), "saved once, on release");
        robot.interact(() -> window.root().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertEquals(2.0, saved(0).end(), 1e-9, "undo puts the end back");
    }

    @Test
    void aProjectOpenInAnotherWindowGivesTheLocksMessageInADialog(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("locked.sila");
        AnnotationProject.create(file, "Locked");
        AnnotatorName.standard().set("Ann");
        try (AnnotationProject elsewhere = AnnotationProject.open(file, "Bob")) {
            robot.interact(() -> window.projects().open(file));
            waitUntil(() -> robot.lookup("#annotation-error").tryQuery().isPresent());
            DialogPane dialog = robot.lookup("#annotation-error").queryAs(DialogPane.class);
            assertTrue(dialog.getContentText().contains("already open"), dialog.getContentText());
            assertTrue(dialog.getContentText().contains("Bob"), dialog.getContentText());
            assertFalse(dialog.getContentText().contains("Exception"), dialog.getContentText());
            assertNull(model().projectProperty().get());
            robot.interact(() -> dialog.getScene().getWindow().hide());
        }
    }

    private String label(String id) {
        WaitForAsyncUtils.waitForFxEvents();
        return ((Label) new FxRobot().lookup(id).query()).getText();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }
}
