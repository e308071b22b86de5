package org.omnisila.app.workbench.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.omnisila.app.workbench.timeline.Fixtures;
import org.omnisila.engine.api.Box;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The segment panel fills from a hand-made analysis with known numbers; a clicked cue is reported. */
@ExtendWith(ApplicationExtension.class)
class SegmentPanelViewTest {
    private final SegmentPanelViewModel model = new SegmentPanelViewModel();
    private final List<SegmentPanelViewModel.SceneCue> clicked = new ArrayList<>();

    @Start
    void start(Stage stage) {
        model.setOnCue(clicked::add);
        stage.setScene(new Scene(new SegmentPanelView(model), 400, 700));
        stage.show();
    }

    private void show(int segment, FxRobot robot) {
        robot.interact(() -> model.segmentProperty().set(Fixtures.analysis().segments().get(segment)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static String value(FxRobot robot, String id) {
        HBox row = robot.lookup(id).queryAs(HBox.class);
        return ((Label) row.getChildren().get(2)).getText();
    }

    @Test
    void showsTheSegmentsNumbersAndWhatTheyMean(FxRobot robot) {
        show(1, robot);
        assertEquals("Segment 1: 2.00-4.00 s, negative 0.87", text(robot, "#segment-title"));
        assertEquals("0.05", value(robot, "#score-positive"));
        assertEquals("0.87", value(robot, "#score-negative"));
        assertEquals("0.08", value(robot, "#score-neutral"));
        assertEquals("0.52", value(robot, "#routing-face"));
        assertEquals("0.05", value(robot, "#routing-background"));
        assertEquals("+0.21  replacing the action scene by its average lowers the probability of 'negative' by 0.21",
                text(robot, "#effect-action"));
        assertEquals("-0.04  replacing the background scene by its average raises the probability of 'negative' by "
                + "0.04", text(robot, "#effect-background"));
        assertEquals("A man hits another man.", text(robot, "#segment-attribution"));
        assertEquals("", text(robot, "#segment-effect-note"));
        assertEquals(List.of("face: man, angry at 2.25 s", "action: person - hits - person at 2.75 s"),
                model.cues().stream().map(SegmentPanelViewModel.SceneCue::text).toList());
    }

    @Test
    void clickingACueReportsItsTimeAndBox(FxRobot robot) {
        show(1, robot);
        robot.clickOn("#cue-1");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, clicked.size());
        assertEquals(2.75, clicked.get(0).cue().time(), 1e-9);
        assertEquals(new Box(50, 60, 70, 80), clicked.get(0).cue().box());
        assertEquals(clicked.get(0), model.requestedCueProperty().get());
    }

    @Test
    void aSegmentWithoutRoutingEffectsOrTextSaysSo(FxRobot robot) {
        show(2, robot);
        assertTrue(robot.lookup("#segment-routing").queryAs(VBox.class).getChildren().isEmpty());
        assertEquals("No causal effects: the analysis did not compute interventions.",
                text(robot, "#segment-effect-note"));
        assertEquals("(no attribution text: the model generates none)", text(robot, "#segment-attribution"));
        robot.interact(() -> model.segmentProperty().set(null));
        assertEquals("No segment selected: click the timeline", text(robot, "#segment-title"));
    }
}
