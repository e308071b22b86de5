package org.omnisila.app.workbench.player;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.StringConverter;

/**
 * The player: the {@link VideoView} (or a message when the video cannot be played) above a bar of controls: frame
 * back, play/pause, frame forward, the seek slider, current time / duration, speed and full screen. Binds to a
 * {@link PlayerViewModel} and delegates every action to it; the keyboard shortcuts are {@link PlayerKeys}'.
 */
public final class PlayerView extends BorderPane {
    private final PlayerViewModel vm;
    private final VideoView video = new VideoView();
    private final Label message = new Label();
    private final Slider seek = new Slider(0, 1, 0);
    /** Set while the slider follows the playing video, so that its moves are not taken for the user's seeks. */
    private boolean following;

    public PlayerView(PlayerViewModel vm) {
        this.vm = vm;
        setId("player");
        message.setId("playerMessage");
        message.setWrapText(true);
        message.setMaxWidth(600);
        message.visibleProperty().bind(vm.messageProperty().isNotNull());
        message.textProperty().bind(vm.messageProperty());
        message.setStyle("-fx-text-fill: white; -fx-font-size: 14px;");
        vm.frameProperty().addListener((o, was, now) -> video.show(now));
        vm.overlay().addListener((javafx.collections.ListChangeListener<OverlayShape>) c -> video.overlay()
                .draw(vm.overlay()));
        StackPane screen = new StackPane(video, message);
        screen.setMinSize(0, 0);
        setCenter(screen);
        setBottom(controls());
    }

    /** Makes the shortcuts ({@link PlayerKeys}) work for keys pressed anywhere inside {@code scope}. */
    public void handleKeysIn(Node scope) {
        PlayerKeys.install(scope, vm, this::toggleFullScreen);
    }

    public PlayerViewModel viewModel() {
        return vm;
    }

    public VideoView videoView() {
        return video;
    }

    private HBox controls() {
        Button back = button("stepBack", "\u25c0|", () -> vm.step(-1));
        Button play = button("play", "Play", vm::togglePlay);
        play.textProperty().bind(Bindings.when(vm.playingProperty()).then("Pause").otherwise("Play"));
        play.setMinWidth(60);
        Button forward = button("stepForward", "|\u25b6", () -> vm.step(1));
        seek.setId("seek");
        seek.maxProperty().bind(vm.durationProperty());
        vm.currentTimeProperty().addListener((o, was, now) -> {
            if (!seek.isValueChanging()) {
                following = true;
                seek.setValue(now.doubleValue());
                following = false;
            }
        });
        seek.valueProperty().addListener((o, was, now) -> {
            if (!following) {
                vm.seek(now.doubleValue());
            }
        });
        HBox.setHgrow(seek, Priority.ALWAYS);
        Label time = new Label();
        time.setId("time");
        time.textProperty().bind(Bindings.createStringBinding(() -> TimeFormat.format(vm.currentTimeProperty().get())
                + " / " + TimeFormat.format(vm.durationProperty().get()), vm.currentTimeProperty(),
                vm.durationProperty()));
        HBox bar = new HBox(6, back, play, forward, seek, time, speedChoice(),
                button("fullScreen", "Full screen", this::toggleFullScreen));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.disableProperty().bind(vm.durationProperty().lessThanOrEqualTo(0));
        return bar;
    }

    private Node speedChoice() {
        ChoiceBox<Double> speed = new ChoiceBox<>();
        speed.setId("speed");
        speed.getItems().setAll(PlayerViewModel.SPEEDS);
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double s) {
                return s == null ? "" : (s == Math.rint(s) ? String.valueOf(s.intValue()) : String.valueOf(s)) + "x";
            }

            @Override
            public Double fromString(String s) {
                return Double.valueOf(s.replace("x", ""));
            }
        });
        speed.setValue(vm.speedProperty().get());
        speed.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.speedProperty().set(now);
            }
        });
        vm.speedProperty().addListener((o, was, now) -> speed.setValue(now.doubleValue()));
        return speed;
    }

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setFocusTraversable(false); // Space belongs to play/pause, not to the focused button
        b.setOnAction(e -> action.run());
        return b;
    }

    private void toggleFullScreen() {
        if (getScene() != null && getScene().getWindow() instanceof Stage stage) {
            stage.setFullScreen(!stage.isFullScreen());
        }
    }
}
