package org.omnisila.app.workbench.instruct;

import org.omnisila.engine.llm.Precision;
import org.omnisila.engine.llm.run.FullModel;
import org.omnisila.engine.llm.run.PreparedVideo;
import org.omnisila.engine.llm.text.VicunaTemplate;
import org.omnisila.engine.models.ModelFiles;

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
        // a follow-up question is asked after the first question and answer, as omnisila chat does
        String first = model.answerProperty().get();
        assertEquals("Conversation: the next question follows 1 earlier question and answer.",
                robot.lookup("#instruction-conversation").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#instruction-new-conversation").query().getParent().isVisible());
        robot.interact(() -> model.questionProperty().set("Why?"));
        robot.clickOn("#instruction-ask");
        waitUntil(() -> !model.busyProperty().get() && !model.answeredByProperty().get().isEmpty());
        String followUp = model.answerProperty().get();
        String said = model.conversationProperty().get();
        // the tiny model's 256 positions may not hold the first turn again: then it is left out, and says so
        boolean kept = said.equals("Conversation: the next question follows 2 earlier questions and answers.");
        assertTrue(kept || said.equals("Conversation: the next question follows 1 earlier question and answer "
                + "(1 older left out: the model's context is full)."), said);
        try (FullModel direct = FullModel.open(base, null, null, Device.cpu(), Precision.FP32, -1, new ModelFiles(),
                f -> { }); PreparedVideo p = direct.prepare(video, f -> { }, () -> false)) {
            List<VicunaTemplate.Turn> history = kept ? List.of(new VicunaTemplate.Turn("What happens?", first))
                    : List.of();
            assertEquals(direct.ask(p, history, "Why?", direct.settings(256), null, () -> false).text(), followUp,
                    "the follow-up is the answer after the conversation's turns");
            System.out.printf("follow-up kept the first turn: %s%n", kept);
        }
        robot.clickOn("#instruction-new-conversation");
        waitUntil(() -> model.conversationProperty().get().isEmpty());
        assertFalse(robot.lookup("#instruction-new-conversation").query().getParent().isVisible());
    }

    /** The session keeps the turns about one video and asks after them; another video starts anew. */
    @Test
    void theSessionAsksAfterTheEarlierTurnsAboutTheSameVideo() throws Exception {
        Path base = Path.of("../engine/src/test/resources/llm/tiny-video-llava").toAbsolutePath().normalize();
        Path other = dir.resolve("other.mp4");
        SyntheticVideo.mp4(160, 120, 10, 10).write(other);
        try (FullModelSession session = FullModelSession.open(base, null, null, Device.cpu(), 4, f -> { });
             FullModel direct = FullModel.open(base, null, null, Device.cpu(), Precision.FP32, -1, new ModelFiles(),
                     f -> { }); PreparedVideo p = direct.prepare(video, f -> { }, () -> false)) {
            String first = session.ask(video, "What happens?", t -> { }, f -> { }, () -> false).text();
            String second = session.ask(video, "Why?", t -> { }, f -> { }, () -> false).text();
            assertEquals(2, session.turns());
            assertEquals(0, session.dropped());
            assertEquals(direct.ask(p, List.of(new VicunaTemplate.Turn("What happens?", first)), "Why?",
                    direct.settings(4), null, () -> false).text(), second);
            session.ask(other, "What happens?", t -> { }, f -> { }, () -> false);
            assertEquals(1, session.turns(), "another video: a new conversation");
            session.newConversation();
            assertEquals(0, session.turns());
        }
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
