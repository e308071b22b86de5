package org.omnisila.app.workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The timeline headless: clicks seek, keys jump between located sentiments, hover describes. */
@ExtendWith(ApplicationExtension.class)
class TimelineViewTest {
    private static final double WIDTH = 600; // 6 s of video: 100 px per second at zoom 1
    private final TimelineViewModel model = new TimelineViewModel();
    private final List<Double> seeks = new ArrayList<>();
    private TimelineView view;

    @Start
    void start(Stage stage) {
        view = new TimelineView(model);
        view.setPrefWidth(WIDTH + 8); // 4 px padding each side: the canvas is 600 px wide
        model.setOnSeek(seeks::add);
        model.setAnalysis(Fixtures.analysis());
        LocatedKeys.install(view, model);
        stage.setScene(new Scene(view));
        stage.show();
    }

    /** Screen point of canvas position (x, y). */
    private Point2D at(double x, double y) {
        return view.canvas().localToScreen(x, y);
    }

    @Test
    void theCanvasSpansTheWidthAtZoomOne() {
        assertEquals(WIDTH, view.canvas().getWidth(), 0.5);
        assertEquals(1, model.scaleProperty().get().zoom(), 1e-9);
    }

    @Test
    void clickingALocatedSentimentSeeksToItsStart(FxRobot robot) {
        double y = TimelineLayout.LOCATED.top() + TimelineLayout.LOCATED.height() / 2;
        robot.clickOn(at(350, y), MouseButton.PRIMARY); // 3.5 s, inside "negative" 2.0-5.0
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2.0, model.requestedTimeProperty().get(), 1e-9);
        assertEquals(List.of(2.0), seeks);
        assertEquals(1, model.selectedLocatedProperty().get());
        assertEquals(1, model.selectedSegmentProperty().get().index());
    }

    @Test
    void clickingOutsideALocatedSentimentSeeksToTheClickedTime(FxRobot robot) {
        double y = TimelineLayout.ROUTING.top() + 5;
        robot.clickOn(at(425, y), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4.25, model.requestedTimeProperty().get(), 0.011);
        assertEquals(2, model.selectedSegmentProperty().get().index());
        robot.clickOn(at(170, TimelineLayout.LOCATED.top() + 10), MouseButton.PRIMARY); // 1.7 s: a gap
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.7, model.requestedTimeProperty().get(), 0.011);
        assertEquals(-1, model.selectedLocatedProperty().get());
    }

    @Test
    void nextAndPreviousKeysJumpBetweenLocatedSentiments(FxRobot robot) {
        robot.interact(view::requestFocus);
        robot.type(KeyCode.N);
        assertEquals(0.5, model.playheadProperty().get(), 1e-9);
        robot.type(KeyCode.N);
        assertEquals(2.0, model.playheadProperty().get(), 1e-9);
        robot.type(KeyCode.N); // none after: stays
        assertEquals(2.0, model.playheadProperty().get(), 1e-9);
        robot.type(KeyCode.P);
        assertEquals(0.5, model.playheadProperty().get(), 1e-9);
        robot.press(KeyCode.CONTROL).type(KeyCode.RIGHT).release(KeyCode.CONTROL);
        assertEquals(2.0, model.playheadProperty().get(), 1e-9);
        robot.press(KeyCode.SHIFT).type(KeyCode.P).release(KeyCode.SHIFT); // not P alone: nothing
        assertEquals(2.0, model.playheadProperty().get(), 1e-9);
        assertEquals(List.of(0.5, 2.0, 0.5, 2.0), seeks);
    }

    @Test
    void plusZoomsAndCtrlWheelZoomsAroundTheMouse(FxRobot robot) {
        robot.interact(view::requestFocus);
        robot.type(KeyCode.EQUALS);
        assertEquals(TimelineView.ZOOM_STEP, model.scaleProperty().get().zoom(), 1e-9);
        robot.type(KeyCode.MINUS);
        assertEquals(1, model.scaleProperty().get().zoom(), 1e-9);
        robot.moveTo(at(300, 40));
        // Monocle's glass robot delivers TestFX's DOWN as deltaY > 0, the "zoom in" direction of the handler.
        robot.press(KeyCode.CONTROL).scroll(VerticalDirection.DOWN).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        TimeScale s = model.scaleProperty().get();
        assertTrue(s.zoom() > 1, "zoom " + s.zoom());
        assertEquals(3.0, s.timeAt(300), 0.011); // the time under the mouse stayed
    }

    @Test
    void hoverNamesTheLocatedSentimentAndTheSegment(FxRobot robot) {
        robot.moveTo(at(350, TimelineLayout.LOCATED.top() + 10));
        WaitForAsyncUtils.waitForFxEvents();
        String text = model.hoverTextProperty().get();
        assertTrue(text.startsWith("3.50 s  |  negative 0.90, 2.00-5.00 s: a man hits another"), text);
        robot.moveTo(at(350, TimelineLayout.ROUTING.top() + 10));
        WaitForAsyncUtils.waitForFxEvents();
        text = model.hoverTextProperty().get();
        assertTrue(text.contains("segment 1: negative 0.87  |  P face 0.52 action 0.31 object 0.12 background 0.05"),
                text);
    }

    @Test
    void anEmptyTimelineIgnoresClicks(FxRobot robot) {
        robot.interact(() -> model.setAnalysis(null));
        robot.clickOn(at(100, 30), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(model.selectedSegmentProperty().get());
    }
}
