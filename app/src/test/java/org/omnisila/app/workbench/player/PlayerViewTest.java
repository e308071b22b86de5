package org.omnisila.app.workbench.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SyntheticVideo;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The player on a generated video whose frames show their index (10 fps, 30 frames): what is on screen after a
 * seek or a step, playing and pausing, a loop, the keyboard, and closing. Headless on Monocle.
 */
@ExtendWith(ApplicationExtension.class)
class PlayerViewTest {
    private static final double FPS = 10;
    private static final int FRAMES = 30;
    @TempDir
    static Path dir;
    private static Path video;
    private static Path withSound;
    private PlayerView view;
    private PlayerViewModel vm;

    @BeforeAll
    static void writeVideo() throws Exception {
        video = dir.resolve("index.mp4");
        SyntheticVideo.mp4(160, 120, FPS, FRAMES).write(video);
        withSound = dir.resolve("sound.mp4");
        SyntheticVideo.mp4(160, 120, FPS, FRAMES).audio(true).write(withSound);
    }

    @Start
    void start(Stage stage) {
        vm = new PlayerViewModel();
        view = new PlayerView(vm);
        view.handleKeysIn(view);
        stage.setScene(new Scene(view, 640, 400));
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        CompletableFuture<Void> closed = fx(() -> vm.close());
        closed.get(5, TimeUnit.SECONDS);
    }

    private void open() throws Exception {
        open(video);
    }

    private void open(Path file) throws Exception {
        fx(() -> {
            vm.open(file);
            return null;
        });
        await(() -> vm.seek(0)); // queued after the first frame
    }

    @Test
    void afterASeekTheFrameOfThatTimeIsShownAndAStepShowsTheNext() throws Exception {
        open();
        assertEquals(0, shownIndex());
        await(() -> vm.seek(1.72)); // nearest frame: 17 (1.7 s)
        assertEquals(17, shownIndex());
        assertEquals(1.7, fx(() -> vm.currentTimeProperty().get()), 1e-3);
        await(() -> vm.step(1));
        assertEquals(18, shownIndex());
        await(() -> vm.seek(0.5)); // backwards
        assertEquals(5, shownIndex());
        await(() -> vm.step(-1));
        assertEquals(4, shownIndex());
        assertEquals("0:00.40 / 0:03.00", fx(() -> view.lookupAll("#time").stream()
                .map(n -> ((Label) n).getText()).findFirst().orElseThrow()));
    }

    @Test
    void playingAdvancesTheTimeAndPauseStopsIt() throws Exception {
        open();
        fx(() -> {
            vm.play();
            return null;
        });
        waitFor(() -> vm.currentTimeProperty().get() >= 0.5, "playing to reach 0.5 s");
        assertTrue(fx(() -> vm.playingProperty().get()));
        await(() -> {
            vm.pause();
            return vm.seek(vm.currentTimeProperty().get()); // completes after the pause has been applied
        });
        double paused = fx(() -> vm.currentTimeProperty().get());
        Thread.sleep(400);
        assertEquals(paused, fx(() -> vm.currentTimeProperty().get()));
        assertFalse(fx(() -> vm.playingProperty().get()));
        assertEquals(Math.round(paused * FPS), shownIndex());
    }

    @Test
    void aLoopKeepsPlayingInsideItsSegment() throws Exception {
        open();
        await(() -> vm.loop(1.0, 1.5));
        assertEquals(10, shownIndex()); // the loop starts at its start
        fx(() -> {
            vm.speedProperty().set(4);
            vm.play();
            return null;
        });
        double[] range = {Double.MAX_VALUE, -1};
        ChangeRecorder.record(vm, range);
        Thread.sleep(1000); // 4 s of video at 4x: several rounds of a 0.5 s loop
        fx(() -> {
            vm.pause();
            return null;
        });
        assertTrue(range[0] >= 1.0 - 1e-6 && range[1] < 1.5, range[0] + ".." + range[1]);
        assertTrue(range[1] >= 1.3, "the loop did play: " + range[0] + ".." + range[1]);
    }

    @Test
    void keysStepAndPlay(FxRobot robot) throws Exception {
        open();
        robot.clickOn(view.videoView());
        robot.type(KeyCode.RIGHT);
        waitFor(() -> vm.currentTimeProperty().get() > 0.05, "Right to step a frame");
        assertEquals(1, shownIndex());
        robot.type(KeyCode.SPACE);
        waitFor(() -> vm.playingProperty().get(), "Space to play");
        robot.type(KeyCode.K);
        waitFor(() -> !vm.playingProperty().get(), "K to pause");
    }

    @Test
    void mAndTheCheckBoxMuteAndTheBarSaysWhyAVideoIsSilent(FxRobot robot) throws Exception {
        open(withSound);
        CheckBox mute = fx(() -> (CheckBox) view.lookup("#mute"));
        Label why = fx(() -> (Label) view.lookup("#sound"));
        assertFalse(fx(mute::isDisabled));
        robot.clickOn(view.videoView());
        robot.type(KeyCode.M);
        waitFor(() -> vm.mutedProperty().get(), "M to mute");
        assertTrue(fx(mute::isSelected));
        robot.type(KeyCode.M);
        waitFor(() -> !vm.mutedProperty().get() && !mute.isSelected(), "M to turn the sound on");
        fx(() -> {
            mute.fire();
            return null;
        });
        assertTrue(fx(() -> vm.mutedProperty().get()), "the check box mutes");
        if (JavaSoundSinkTest.hasDevice()) {
            Thread.sleep(300);
            assertFalse(fx(why::isVisible), "the machine has a sound card: " + fx(why::getText));
        } else {
            waitFor(() -> why.isVisible(), "the bar to say there is no sound");
            assertEquals(AudioPlayback.NO_DEVICE, fx(why::getText));
        }
        fx(() -> {
            vm.mutedProperty().set(false);
            return null;
        });
    }

    @Test
    void aVideoWithoutSoundHasNoMuteToUse() throws Exception {
        open();
        Thread.sleep(200);
        assertTrue(fx(() -> view.lookup("#mute").isDisabled()));
        assertTrue(fx(() -> view.lookup("#volume").isDisabled()));
        assertFalse(fx(() -> view.lookup("#sound").isVisible()));
        assertEquals(null, fx(() -> vm.soundMessageProperty().get()));
    }

    @Test
    void closingFreesTheVideoAndClearsTheView() throws Exception {
        open();
        CompletableFuture<Void> closed = fx(() -> vm.close());
        closed.get(5, TimeUnit.SECONDS);
        assertEquals(null, fx(() -> view.videoView().image()));
        assertEquals(0.0, fx(() -> vm.durationProperty().get()));
    }

    /** The frame index the image on screen shows. */
    private int shownIndex() throws Exception {
        return fx(() -> {
            WritableImage image = view.videoView().image();
            int w = (int) image.getWidth();
            int h = (int) image.getHeight();
            PixelReader r = image.getPixelReader();
            byte[] rgb = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = r.getArgb(x, y);
                    int o = (y * w + x) * 3;
                    rgb[o] = (byte) (p >> 16);
                    rgb[o + 1] = (byte) (p >> 8);
                    rgb[o + 2] = (byte) p;
                }
            }
            return SyntheticVideo.indexOf(new RgbImage(w, h, rgb));
        });
    }

    /** Runs a command on the FX thread and waits until the future it returns completes. */
    private static void await(Supplier<CompletableFuture<Void>> command) throws Exception {
        CompletableFuture<Void> done = fx(command::get);
        done.get(10, TimeUnit.SECONDS);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!fx(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Records the lowest and highest time shown (on the FX thread). */
    private static final class ChangeRecorder {
        static void record(PlayerViewModel vm, double[] range) throws Exception {
            fx(() -> {
                vm.currentTimeProperty().addListener((o, was, now) -> {
                    range[0] = Math.min(range[0], now.doubleValue());
                    range[1] = Math.max(range[1], now.doubleValue());
                });
                return null;
            });
        }
    }
}
