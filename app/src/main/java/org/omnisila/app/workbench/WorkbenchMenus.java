package org.omnisila.app.workbench;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.omnisila.app.doctor.CacheFolders;
import org.omnisila.app.workbench.analysis.AnalysisViewModel;
import org.omnisila.app.workbench.analysis.CheckpointAnalysisEngine;
import org.omnisila.app.workbench.export.ExportViewModel;
import org.omnisila.app.workbench.log.WorkbenchLog;
import org.omnisila.app.workbench.overlay.OverlayViewModel;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.models.ModelFiles;

/** The window's menu bar: each item calls the {@link MainWindow} or one of its view models. */
final class WorkbenchMenus {
    /** Sizes and clears the cache folders. */
    private static final java.util.concurrent.ExecutorService CACHE_WORK = Background.thread("cache");
    private final MainWindow window;
    private final Stage stage;

    private WorkbenchMenus(MainWindow window, Stage stage) {
        this.window = window;
        this.stage = stage;
    }

    static MenuBar of(MainWindow window, Stage stage) {
        WorkbenchMenus m = new WorkbenchMenus(window, stage);
        MenuBar bar = new MenuBar(m.file(), m.playback(), m.analysis(), m.view(), m.help());
        bar.setId("menu");
        return bar;
    }

    private Menu file() {
        MenuItem open = item("Open...", "Shortcut+O", () -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open a video");
            File f = chooser.showOpenDialog(stage);
            if (f != null) {
                window.open(f.toPath());
            }
        });
        MenuItem openResult = item("Open result JSON...", null, () -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Open a result JSON");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Result JSON", "*.json"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File f = chooser.showOpenDialog(stage);
            if (f != null) {
                window.openResult(f.toPath());
            }
        });
        Menu recent = new Menu("Open recent");
        recent.setId("menu-recent");
        recent.getItems().add(new MenuItem("(none)")); // a menu with no items never shows
        recent.setOnShowing(e -> fillRecent(recent));
        MenuItem clearCache = item("Clear scene cache and kept results...", null, this::clearCache);
        clearCache.disableProperty().bind(window.analysis().runningProperty());
        MenuItem quit = item("Quit", "Shortcut+Q", stage::close);
        MenuItem newProject = item("New annotation project...", null, () -> window.projects().newProject());
        MenuItem openProject = item("Open annotation project...", null, () -> window.projects().openProject());
        MenuItem closeProject = item("Close annotation project", null, () -> window.annotation().model().close());
        closeProject.disableProperty().bind(window.annotation().model().projectProperty().isNull());
        for (MenuItem m : new MenuItem[] {newProject, openProject}) {
            m.disableProperty().bind(window.annotation().model().busyProperty());
        }
        return new Menu("File", null, open, recent, openResult, new SeparatorMenuItem(), newProject, openProject,
                closeProject, new SeparatorMenuItem(),
                export("Export result JSON...", ExportViewModel.Format.RESULT_JSON, "json"),
                export("Export located sentiments as CSV...", ExportViewModel.Format.LOCATED_CSV, "csv"),
                export("Export HTML report...", ExportViewModel.Format.HTML_REPORT, "html"), new SeparatorMenuItem(),
                clearCache, quit);
    }

    /**
     * Asks, then deletes the scene cache and the kept results (the others are in {@code omnisila cache}). Sizing
     * and deleting walk folders of up to gigabytes, so both run on a background thread, never the FX thread.
     */
    private void clearCache() {
        CacheFolders folders = new CacheFolders(ModelFiles.defaultCacheRoot());
        CompletableFuture.supplyAsync(() -> List.of(folders.usage(CacheFolders.Kind.SCENES),
                folders.usage(CacheFolders.Kind.RESULTS)), CACHE_WORK).thenAcceptAsync(sizes -> {
                    CacheFolders.Usage scenes = sizes.get(0);
                    CacheFolders.Usage results = sizes.get(1);
                    Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Delete the scene cache ("
                            + scenes.megabytes() + ", " + scenes.dir() + ") and the kept results ("
                            + results.megabytes() + ", " + results.dir() + ")? Videos will be analysed again when "
                            + "asked; nothing else is lost.");
                    ask.setTitle("Clear cache");
                    ask.setHeaderText("Clear the scene cache and kept results");
                    ask.initOwner(stage);
                    ask.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> CompletableFuture
                            .supplyAsync(() -> clear(folders), CACHE_WORK)
                            .thenAcceptAsync(this::tell, Platform::runLater));
                }, Platform::runLater);
    }

    /** @return what clearing the scene cache and the kept results did, in words */
    private static String clear(CacheFolders folders) {
        try {
            long freed = folders.clear(CacheFolders.Kind.SCENES) + folders.clear(CacheFolders.Kind.RESULTS);
            return String.format(Locale.ROOT, "%.1f MB freed.", freed / 1e6);
        } catch (java.io.IOException e) {
            return "Not everything could be deleted: " + e.getMessage() + ". Close other Omni-SILA windows and try "
                    + "again.";
        }
    }

    private void tell(String outcome) {
        Alert done = new Alert(Alert.AlertType.INFORMATION, outcome);
        done.setTitle("Clear cache");
        done.setHeaderText(null);
        done.initOwner(stage);
        done.show();
    }

    private void fillRecent(Menu recent) {
        recent.getItems().clear();
        for (Path video : window.recent().list()) {
            MenuItem item = item(video.getFileName() + "  (" + video.getParent() + ")", null, () -> window.open(video));
            recent.getItems().add(item);
        }
        if (recent.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(none yet)");
            none.setDisable(true);
            recent.getItems().add(none);
        }
    }

    private Menu analysis() {
        AnalysisViewModel analysis = window.analysis();
        OverlayViewModel overlays = window.overlays();
        MenuItem analyze = item("Analyze", "Shortcut+Enter", analysis::analyze);
        analyze.setId("menu-analyze");
        analyze.disableProperty().bind(analysis.canAnalyzeProperty().not());
        MenuItem ask = item("Ask...", "Shortcut+I", window::focusInstruction);
        MenuItem cues = item("Compute cue overlays", null,
                () -> overlays.compute(window.playerModel().videoProperty().get()));
        cues.setId("menu-cue-overlays");
        cues.disableProperty().bind(overlays.busyProperty().or(window.playerModel().videoProperty().isNull()));
        MenuItem cancelCues = item("Cancel cue overlays", null, overlays::cancel);
        cancelCues.disableProperty().bind(overlays.busyProperty().not());
        MenuItem embedded = item("Use the embedded model", null, () -> analysis.chooseModel(
                CheckpointAnalysisEngine::standard));
        embedded.setId("menu-model-embedded");
        MenuItem checkpoint = item("Use a checkpoint folder...", null, () -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Choose a checkpoint folder (omnisila train --out, or export-checkpoint)");
            File dir = chooser.showDialog(stage);
            if (dir != null) {
                analysis.chooseModel(() -> CheckpointAnalysisEngine.checkpoint(dir.toPath(), new ModelFiles(),
                        CheckpointAnalysisEngine.standardCache()));
            }
        });
        checkpoint.setId("menu-model-checkpoint");
        MenuItem full = item("Load full model...", null, () -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Choose a Video-LLaVA folder (config.json, safetensors, tokenizer)");
            File base = chooser.showDialog(stage);
            if (base == null) {
                return;
            }
            DirectoryChooser adapters = new DirectoryChooser();
            adapters.setTitle("Choose an ICM adapter folder (Cancel: plain Video-LLaVA)");
            File adapter = adapters.showDialog(stage);
            window.instruction().loadFullModel(base.toPath(), null, adapter == null ? null : adapter.toPath(),
                    org.omnisila.engine.icm.DeviceChoice.choose("auto", org.omnisila.engine.icm.DeviceChoice.gpuCount()));
        });
        full.setId("menu-full-model");
        full.disableProperty().bind(window.instruction().busyProperty());
        // a loaded full model analyses at once; after "Use the embedded model" this item goes back to it
        MenuItem useFull = item("Analyze with the full model", null, () -> {
            var loaded = window.instruction().loadedModelProperty().get();
            if (loaded != null) {
                analysis.useFullModel(new org.omnisila.app.workbench.analysis.FullModelAnalysisEngine(loaded,
                        MainWindow.FULL_MODEL_TOKENS, window.fullModelWindow()));
            }
        });
        useFull.setId("menu-model-full");
        MenuItem windows = item("Full model windows...", null, () -> {
            javafx.scene.control.TextInputDialog length = new javafx.scene.control.TextInputDialog(
                    Double.toString(window.fullModelWindow()));
            length.initOwner(stage);
            length.setTitle("Full model windows");
            length.setHeaderText("Score the video in windows of this many seconds, each from its own eight frames "
                    + "(a segment each on the timeline); 0: the whole video as one segment. The questions are "
                    + "asked about the whole video either way.");
            length.showAndWait().ifPresent(text -> {
                try {
                    window.setFullModelWindow(Double.parseDouble(text.strip()));
                } catch (IllegalArgumentException e) { // NumberFormatException too
                    analysis.showMessage("Not a window length: \"" + text.strip() + "\" (seconds, 0 or more).");
                }
            });
        });
        windows.setId("menu-full-windows");
        windows.disableProperty().bind(analysis.runningProperty().or(analysis.choosingProperty()));
        useFull.disableProperty().bind(window.instruction().loadedModelProperty().isNull()
                .or(analysis.runningProperty()).or(analysis.choosingProperty()));
        for (MenuItem m : new MenuItem[] {embedded, checkpoint}) {
            m.disableProperty().bind(analysis.runningProperty().or(analysis.choosingProperty()));
        }
        return new Menu("Analysis", null, analyze, ask, new SeparatorMenuItem(), embedded, checkpoint, full, useFull,
                windows, new SeparatorMenuItem(), cues, cancelCues);
    }

    private Menu playback() {
        MenuItem play = item("Play / Pause (Space)", null, () -> window.playerModel().togglePlay());
        MenuItem loop = item("Loop the located sentiment at the playhead", "Shortcut+L", window::toggleLoop);
        loop.setId("menu-loop");
        MenuItem next = item("Next located sentiment (N)", null, () -> window.timeline().nextLocated());
        MenuItem previous = item("Previous located sentiment (P)", null, () -> window.timeline().previousLocated());
        for (MenuItem m : new MenuItem[] {play, loop}) {
            m.disableProperty().bind(window.playerModel().videoProperty().isNull());
        }
        for (MenuItem m : new MenuItem[] {next, previous}) {
            m.disableProperty().bind(window.timeline().dataProperty().isNull());
        }
        return new Menu("Playback", null, play, loop, next, previous);
    }

    private Menu help() {
        MenuItem keys = item("Keyboard shortcuts", "F1", () -> ShortcutSheet.show(stage));
        keys.setId("menu-shortcuts");
        MenuItem log = item("Where is the log?", null, () -> {
            Alert where = new Alert(Alert.AlertType.INFORMATION, "The log, with the details of every error: "
                    + WorkbenchLog.where() + "\n\nEach launch starts it anew; the last launch's is "
                    + WorkbenchLog.PREVIOUS + " next to it.");
            where.setTitle("Log");
            where.setHeaderText("Log file");
            where.initOwner(stage);
            where.show();
        });
        return new Menu("Help", null, keys, log);
    }

    private Menu view() {
        OverlayViewModel overlays = window.overlays();
        CheckMenuItem annotation = toggle("Annotation mode", window.annotation().activeProperty());
        annotation.setAccelerator(KeyCombination.keyCombination("Shortcut+E"));
        return new Menu("View", null, toggle("Faces", overlays.facesProperty()),
                toggle("Poses", overlays.posesProperty()), toggle("Objects", overlays.objectsProperty()),
                toggle("Background mask", overlays.maskProperty()), new SeparatorMenuItem(), annotation);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private static CheckMenuItem toggle(String text, BooleanProperty shown) {
        CheckMenuItem item = new CheckMenuItem(text);
        item.setId("menu-view-" + text.toLowerCase(Locale.ROOT).replace(' ', '-'));
        item.selectedProperty().bindBidirectional(shown);
        return item;
    }

    private MenuItem export(String text, ExportViewModel.Format format, String extension) {
        ExportViewModel export = window.exports();
        MenuItem item = item(text, null, () -> {
            VideoAnalysis shown = export.analysisProperty().get();
            FileChooser chooser = new FileChooser();
            chooser.setTitle(text.replace("...", ""));
            String base = Path.of(shown.video().path()).getFileName().toString();
            chooser.setInitialFileName(base + (format == ExportViewModel.Format.RESULT_JSON ? ".result" : "") + "."
                    + extension);
            File f = chooser.showSaveDialog(stage);
            if (f != null) {
                Path playing = window.playerModel().videoProperty().get();
                export.export(format, f.toPath(), playing != null ? playing : Path.of(shown.video().path()));
            }
        });
        item.disableProperty().bind(export.analysisProperty().isNull().or(export.busyProperty()));
        return item;
    }
}
