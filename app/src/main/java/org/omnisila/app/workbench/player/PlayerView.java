package org.omnisila.app.workbench.player;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.StringConverter;

/**
 * The player: the {@link VideoView} (or a message when the video cannot be played) above a bar of controls: frame
 * back, play/pause, frame forward, the seek slider, current time / duration, speed, mute, volume and full screen;
 * under it, only when the video's sound cannot be heard, a line that says why. Binds to a
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
        setBottom(new VBox(controls(), soundLine()));
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
        time.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(6, back, play, forward, seek, time, speedChoice(), muteBox(), volumeSlider(),
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

    /** Sound off / on (M); only for a video with an audio track. */
    private Node muteBox() {
        CheckBox mute = new CheckBox("Mute");
        mute.setId("mute");
        mute.setFocusTraversable(false);
        mute.setMinWidth(Region.USE_PREF_SIZE);
        mute.selectedProperty().bindBidirectional(vm.mutedProperty());
        mute.setTooltip(new Tooltip("Sound off (M). There is sound only at 1x."));
        mute.disableProperty().bind(vm.hasAudioProperty().not());
        return mute;
    }

    private Node volumeSlider() {
        Slider volume = new Slider(0, 1, 1);
        volume.setId("volume");
        volume.setFocusTraversable(false);
        volume.setPrefWidth(70);
        volume.setMinWidth(50);
        volume.valueProperty().bindBidirectional(vm.volumeProperty());
        volume.setTooltip(new Tooltip("Volume"));
        volume.disableProperty().bind(vm.hasAudioProperty().not());
        return volume;
    }

    /** Under the bar, only when the video's sound cannot be heard: why (no audio device, say). */
    private Node soundLine() {
        Label why = new Label();
        why.setId("sound");
        why.setPadding(new Insets(0, 8, 4, 8));
        why.textProperty().bind(vm.soundMessageProperty());
        why.visibleProperty().bind(vm.soundMessageProperty().isNotNull());
        why.managedProperty().bind(why.visibleProperty());
        return why;
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
