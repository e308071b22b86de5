package org.omnisila.app.workbench.instruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.video.SyntheticVideo;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The instruction box with the full model (the tiny Video-LLaVA, plain), headless on Monocle. */
@ExtendWith(ApplicationExtension.class)
class InstructionBoxFullModelTest {
    @TempDir
    static Path dir;
    private static Path video;
    private InstructionViewModel model;
    private final List<Boolean> onFxThread = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();

    @BeforeAll
    static void makeVideo() throws Exception {
        video = dir.resolve("v.mp4");
        SyntheticVideo.mp4(160, 120, 10, 20).texture(true).write(video);
    }

    @Start
    void start(Stage stage) {
        model = new InstructionViewModel();
        model.answerProperty().addListener((o, was, now) -> {
            onFxThread.add(Platform.isFxApplicationThread());
            answers.add(now);
        });
        model.busyProperty().addListener((o, was, now) -> onFxThread.add(Platform.isFxApplicationThread()));
        stage.setScene(new Scene(new InstructionView(model), 400, 400));
        stage.show();
    }

    private static void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void answersWithTheFullModelStreamedAndNamesIt(FxRobot robot) throws Exception {
        Path base = Path.of("../engine/src/test/resources/llm/tiny-video-llava").toAbsolutePath().normalize();
        robot.interact(() -> model.loadFullModel(base, null, null, Device.cpu()));
        waitUntil(() -> !model.fullModelProperty().get().isEmpty() && !model.busyProperty().get());
        assertTrue(robot.lookup("#instruction-full-model").queryAs(Label.class).getText()
                .startsWith("Full model: Video-LLaVA (full-llava_v1, cpu"));
        robot.interact(() -> {
            model.videoProperty().set(video);
            model.questionProperty().set("What happens?");
        });
        answers.clear();
        robot.clickOn("#instruction-ask");
        waitUntil(() -> !model.busyProperty().get() && !model.answeredByProperty().get().isEmpty());
        String by = robot.lookup("#instruction-answered-by").queryAs(Label.class).getText();
        assertTrue(by.startsWith("Answered by Video-LLaVA (full-llava_v1, cpu") && by.contains("tokens/s"), by);
        String shown = robot.lookup("#instruction-answer").queryAs(TextArea.class).getText();
        assertEquals(model.answerProperty().get(), shown);
        assertTrue(answers.size() >= 3, "streamed: " + answers);
        assertFalse(onFxThread.contains(false), "every property change on the FX thread");
    }

    @Test
    void withoutAVideoTheFullModelSaysSoAndWithoutAModelTheBoxIsAsBefore(FxRobot robot) throws Exception {
        robot.interact(model::ask);
        assertTrue(model.answerProperty().get().startsWith("There is no analysis to ask about"));
        Path base = Path.of("../engine/src/test/resources/llm/tiny-video-llava").toAbsolutePath().normalize();
        robot.interact(() -> model.loadFullModel(base, null, dir.resolve("no-adapter"), Device.cpu()));
        waitUntil(() -> !model.busyProperty().get());
        assertTrue(model.answerProperty().get().startsWith("The full model could not be loaded: the ICM adapter "
                + "folder"), model.answerProperty().get());
        assertEquals("", model.fullModelProperty().get());
    }
}
