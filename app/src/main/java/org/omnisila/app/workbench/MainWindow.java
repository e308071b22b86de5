package org.omnisila.app.workbench;

import java.io.File;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.omnisila.app.workbench.player.PlayerView;
import org.omnisila.app.workbench.player.PlayerViewModel;
import org.omnisila.engine.analysis.EmbeddedModel;

/**
 * The one window: library on the left, the video in the centre with the timeline under it, the selected
 * segment's panel on the right, a status bar at the bottom (architecture.md, "UI layout"). This class lays the
 * regions out and wires the menu; each region is a view of its own.
 */
public final class MainWindow {
    private final Stage stage;
    private final BorderPane root = new BorderPane();
    private final ListView<Path> library = new ListView<>();
    private final StackPane centre = new StackPane();
    private final Label placeholder = new Label("Open a video: File > Open, or drop a file here");
    private final Label status = new Label();
    private final PlayerView player = new PlayerView(new PlayerViewModel());
    private final MenuBar menu;
    private final HBox statusBar;

    public MainWindow(Stage stage) {
        this.stage = stage;
        library.setId("library");
        library.setPrefWidth(220);
        library.setCellFactory(list -> new LibraryCell());
        library.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                show(now);
            }
        });
        centre.setId("centre");
        centre.getChildren().add(placeholder);
        centre.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        centre.setOnDragDropped(e -> {
            boolean done = false;
            for (File f : e.getDragboard().getFiles()) {
                open(f.toPath());
                done = true;
            }
            e.setDropCompleted(done);
            e.consume();
        });
        status.setId("status");
        status.setText("Model: " + EmbeddedModel.summary());
        statusBar = new HBox(status);
        statusBar.setPadding(new Insets(2, 8, 2, 8));
        menu = menuBar();
        showRegions(true);
        // the player's keys work wherever the focus is in the window (except in text fields)
        player.handleKeysIn(root);
        stage.fullScreenProperty().addListener((o, was, now) -> showRegions(!now));
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> player.viewModel().close());
    }

    /** All regions, or (in full screen) the centre alone. */
    private void showRegions(boolean all) {
        root.setTop(all ? menu : null);
        root.setLeft(all ? library : null);
        root.setCenter(centre);
        root.setBottom(all ? statusBar : null);
    }

    public Parent root() {
        return root;
    }

    /** Adds the video to the library (once) and shows it. */
    public void open(Path video) {
        Path absolute = video.toAbsolutePath().normalize();
        if (!library.getItems().contains(absolute)) {
            library.getItems().add(absolute);
        }
        library.getSelectionModel().select(absolute);
    }

    /** Opens the video in the player, which replaces the placeholder; a video it cannot play shows why there. */
    private void show(Path video) {
        centre.getChildren().setAll(player);
        player.viewModel().open(video);
    }

    /** @return the player in the centre */
    PlayerView player() {
        return player;
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open...");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open a video");
            File f = chooser.showOpenDialog(stage);
            if (f != null) {
                open(f.toPath());
            }
        });
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> stage.close());
        MenuBar bar = new MenuBar(new Menu("File", null, open, quit));
        bar.setId("menu");
        return bar;
    }

    /** @return the region the player draws into */
    StackPane centre() {
        return centre;
    }

}
