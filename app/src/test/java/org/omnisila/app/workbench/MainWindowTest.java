package org.omnisila.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
    void theStatusBarSaysWhichModelAnswers(FxRobot robot) {
        Label status = robot.lookup("#status").queryAs(Label.class);
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
}
