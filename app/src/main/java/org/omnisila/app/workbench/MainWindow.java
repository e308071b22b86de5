package org.omnisila.app.workbench;

import java.io.File;
import java.nio.file.Path;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.omnisila.app.workbench.analysis.AnalysisView;
import org.omnisila.app.workbench.annotate.AnnotationKeys;
import org.omnisila.app.workbench.annotate.AnnotationMode;
import org.omnisila.app.workbench.annotate.AnnotatorName;
import org.omnisila.app.workbench.annotate.ProjectDialogs;
import org.omnisila.app.workbench.analysis.AnalysisViewModel;
import org.omnisila.app.workbench.export.ExportViewModel;
import org.omnisila.app.workbench.instruct.InstructionView;
import org.omnisila.app.workbench.instruct.InstructionViewModel;
import org.omnisila.app.workbench.overlay.EmbeddedCueSource;
import org.omnisila.app.workbench.overlay.OverlayViewModel;
import org.omnisila.app.workbench.player.OverlayBox;
import org.omnisila.app.workbench.player.OverlayShape;
import org.omnisila.app.workbench.player.PlayerView;
import org.omnisila.app.workbench.player.PlayerViewModel;
import org.omnisila.app.workbench.segment.SegmentPanelView;
import org.omnisila.app.workbench.segment.SegmentPanelViewModel;
import org.omnisila.app.workbench.timeline.LocatedKeys;
import org.omnisila.app.workbench.timeline.TimelineView;
import org.omnisila.app.workbench.timeline.TimelineViewModel;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.api.ResultFormatException;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.api.VideoAnalysis;

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
    private final PlayerView player = new PlayerView(new PlayerViewModel());
    private final MenuBar menu;
    private final StatusBar statusBar;
    private final TimelineViewModel timeline = new TimelineViewModel();
    private final SegmentPanelViewModel segmentPanel = new SegmentPanelViewModel();
    private final TimelineView timelineView = new TimelineView(timeline);
    private final SegmentPanelView segmentView = new SegmentPanelView(segmentPanel);
    /** The most tokens of the full model's answer in Analysis > Analyze (as in the instruction box). */
    static final int FULL_MODEL_TOKENS = 256;
    private double fullModelWindow;
    /** The video of the analysis shown last (its SHA-256), to keep the place in it when another result comes. */
    private String shownVideoSha256;
    private final InstructionViewModel instruction = new InstructionViewModel();
    private final InstructionView instructionView = new InstructionView(instruction);
    private final SplitPane rightSide = new SplitPane(segmentView, instructionView);
    private final BorderPane centreArea = new BorderPane();
    private final AnalysisViewModel analysis;
    private final ExportViewModel export = new ExportViewModel(Background.thread("export"), Platform::runLater);
    private final OverlayViewModel overlays = new OverlayViewModel(new EmbeddedCueSource(),
            Background.thread("cue-overlays"), Platform::runLater);
    private final RecentVideos recent = RecentVideos.standard();
    private final ReadOnlyStringWrapper loopStatus = new ReadOnlyStringWrapper(this, "loopStatus", "");
    private final AnalysisView analysisView;
    private final VBox underVideo;
    private final AnnotationMode annotation;
    private final ProjectDialogs projects;
    private final javafx.scene.Node topBar;

    /** A window with the embedded model and the standard result store. */
    public MainWindow(Stage stage) {
        this(stage, AnalysisViewModel.standard());
    }

    /** @param analysis runs and keeps the analyses; closed with the window */
    public MainWindow(Stage stage, AnalysisViewModel analysis) {
        this.stage = stage;
        this.analysis = analysis;
        this.analysisView = new AnalysisView(analysis);
        this.underVideo = new VBox(analysisView, timelineView);
        library.setId("library");
        library.setPrefWidth(220);
        library.setCellFactory(list -> new LibraryCell());
        library.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                show(now);
            }
            analysis.select(now);
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
        analysis.resultProperty().addListener((o, was, now) -> showAnalysis(now));
        statusBar = new StatusBar(analysis.deviceProperty(), analysis.modelProperty(),
                new StatusBar.Message("export-message", export.messageProperty()),
                new StatusBar.Message("overlay-message", overlays.messageProperty()),
                new StatusBar.Message("loop-message", loopStatus.getReadOnlyProperty()));
        rightSide.setOrientation(Orientation.VERTICAL);
        rightSide.setDividerPositions(0.68);
        rightSide.setPrefWidth(340);
        instruction.analysisProperty().bind(export.analysisProperty());
        instruction.segmentProperty().bind(timeline.selectedSegmentProperty());
        instruction.videoProperty().bind(player.viewModel().videoProperty());
        annotation = new AnnotationMode(player.viewModel(), timelineView, analysis, this::open);
        projects = new ProjectDialogs(stage, annotation, AnnotatorName.standard());
        menu = WorkbenchMenus.of(this, stage);
        topBar = topBar(menu, annotation);
        annotation.activeProperty().addListener((o, was, now) -> showRegions(!stage.isFullScreen()));
        centreArea.setCenter(centre);
        segmentPanel.modelProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> export.analysisProperty().get() == null ? null : export.analysisProperty().get().model(),
                export.analysisProperty()));
        segmentPanel.segmentProperty().bind(timeline.selectedSegmentProperty());
        // one full model, shared: once the instruction box has loaded one, Analyze uses it too (the status bar
        // names it); when it goes, the model used before analyses again
        instruction.loadedModelProperty().addListener((o, was, now) -> {
            if (was != null) {
                analysis.leaveFullModel(was);
            }
            if (now != null) {
                analysis.useFullModel(new org.omnisila.app.workbench.analysis.FullModelAnalysisEngine(now,
                        FULL_MODEL_TOKENS, fullModelWindow));
            }
        });
        showRegions(true);
        // the player's keys work wherever the focus is in the window (except in text fields)
        player.handleKeysIn(root);
        LocatedKeys.install(root, timeline);
        AnnotationKeys.install(root, annotation.activeProperty()::get, annotation.model(), annotation::playSegment);
        stage.fullScreenProperty().addListener((o, was, now) -> showRegions(!now));
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> {
            player.viewModel().close();
            analysis.close();
            instruction.close();
            overlays.cancel();
            annotation.model().close();
        });
        connectPlayerAndTimeline();
        connectOverlays();
    }

    /** The cue overlays follow the player's time, the toggles and the computed track of the video shown. */
    private void connectOverlays() {
        PlayerViewModel p = player.viewModel();
        javafx.beans.InvalidationListener refresh = o -> {
            java.util.List<OverlayShape> shapes = overlays.shapesAt(p.videoProperty().get(),
                    p.currentTimeProperty().get());
            if (shapes != null) {
                p.overlay().setAll(shapes);
            }
        };
        p.currentTimeProperty().addListener(refresh);
        p.videoProperty().addListener(refresh);
        overlays.trackProperty().addListener(refresh);
        overlays.facesProperty().addListener(refresh);
        overlays.posesProperty().addListener(refresh);
        overlays.objectsProperty().addListener(refresh);
        overlays.maskProperty().addListener(refresh);
    }

    /**
     * The timeline follows the player's time; a click on the timeline or a cue in the segment panel moves the
     * player there (a cue's box is drawn over the frame).
     */
    private void connectPlayerAndTimeline() {
        PlayerViewModel p = player.viewModel();
        p.currentTimeProperty().addListener((o, was, now) -> timeline.playheadProperty().set(now.doubleValue()));
        p.loopProperty().addListener((o, was, now) -> loopStatus.set(now == null ? "" : String.format(
                java.util.Locale.ROOT, "Looping %.2f-%.2f s (Ctrl+L stops)", now.start(), now.end())));
        p.durationProperty().addListener((o, was, now) -> timeline.setVideoDuration(now.doubleValue()));
        timeline.setOnSeek(p::seek);
        segmentPanel.setOnCue(c -> {
            p.seek(c.cue().time());
            Box b = c.cue().box();
            p.overlay().setAll(b == null ? java.util.List.of()
                    : java.util.List.of(new OverlayBox(b.x(), b.y(), b.width(), b.height(), c.cue().text())));
        });
    }

    /** The menu bar with the annotation mode switch at its right end. */
    private static javafx.scene.Node topBar(MenuBar menu, AnnotationMode annotation) {
        javafx.scene.control.ToggleButton mode = new javafx.scene.control.ToggleButton("Annotation mode");
        mode.setId("annotation-mode");
        mode.setFocusTraversable(false);
        mode.selectedProperty().bindBidirectional(annotation.activeProperty());
        javafx.scene.layout.HBox bar = new javafx.scene.layout.HBox(menu, mode);
        javafx.scene.layout.HBox.setHgrow(menu, javafx.scene.layout.Priority.ALWAYS);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return bar;
    }

    /**
     * All regions, or (in full screen) the video alone. In annotation mode the queue replaces the library and the
     * annotation editor the segment panel.
     */
    private void showRegions(boolean all) {
        boolean annotating = annotation.activeProperty().get();
        root.setTop(all ? topBar : null);
        root.setLeft(all ? (annotating ? annotation.queue() : library) : null);
        centreArea.setBottom(all ? underVideo : null);
        root.setCenter(centreArea);
        root.setRight(all ? (annotating ? annotation.editor() : rightSide) : null);
        root.setBottom(all ? statusBar : null);
    }

    public Parent root() {
        return root;
    }

    /** Adds the video to the library (once) and shows it. */
    public void open(Path video) {
        Path absolute = video.toAbsolutePath().normalize();
        recent.add(absolute);
        if (!library.getItems().contains(absolute)) {
            library.getItems().add(absolute);
        }
        library.getSelectionModel().select(absolute);
    }

    /**
     * Shows an analysis on the timeline and, for the segment at its start, in the segment panel. A result of the
     * video in the player (its stored result arriving, analysed again, another model's, the full model's windows)
     * keeps the place in the video instead: the playhead stays and the segment there is selected.
     */
    public void showAnalysis(VideoAnalysis analysis) {
        String shownBefore = shownVideoSha256;
        shownVideoSha256 = analysis == null ? null : analysis.video().sha256();
        export.analysisProperty().set(analysis);
        timeline.setAnalysis(analysis);
        if (analysis != null) {
            Path playing = playerModel().videoProperty().get();
            boolean sameVideo = analysis.video().sha256().equals(shownBefore)
                    || playing != null && playing.toAbsolutePath().normalize()
                    .equals(Path.of(analysis.video().path()).toAbsolutePath().normalize());
            double t = playerModel().currentTimeProperty().get();
            timeline.seek(sameVideo && Double.isFinite(t) ? t : 0);
        }
    }

    /**
     * Reads a result JSON and shows it; a file that cannot be read gives a dialog with the reader's message (file,
     * line, column, field), not a stack trace.
     *
     * @return whether the file was shown
     */
    public boolean openResult(Path file) {
        VideoAnalysis analysis;
        try {
            analysis = ResultJson.read(file);
        } catch (ResultFormatException e) {
            Alert alert = new Alert(Alert.AlertType.ERROR, e.getMessage());
            alert.setTitle("Open result JSON");
            alert.setHeaderText("Cannot open the result file");
            alert.getDialogPane().setId("result-error");
            if (stage.getScene() != null) {
                alert.initOwner(stage);
            }
            alert.show();
            return false;
        }
        this.analysis.show(analysis);
        return true;
    }

    /** The timeline's state: the player binds its playhead and seek requests here. */
    public TimelineViewModel timeline() {
        return timeline;
    }

    /** The segment panel's state: the player listens to its cue requests. */
    public SegmentPanelViewModel segmentPanel() {
        return segmentPanel;
    }

    /** Opens the video in the player, which replaces the placeholder; a video it cannot play shows why there. */
    private void show(Path video) {
        centre.getChildren().setAll(player);
        player.viewModel().clearLoop(); // a loop belongs to the video it was set on
        player.viewModel().open(video);
    }

    /** Analysis of the selected video: progress, cancel, the stored results. */
    /**
     * Sets how the full model analyses: in windows of {@code seconds} (each scored from its own eight frames, a
     * segment each on the timeline), or 0 for the whole video as one segment. With a full model in use, Analyze
     * uses the new setting at once; results of each setting are kept apart.
     *
     * @throws IllegalArgumentException for a negative or infinite length
     */
    public void setFullModelWindow(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("the window must be >= 0 seconds (0: the whole video), not " + seconds);
        }
        fullModelWindow = seconds;
        var loaded = instruction.loadedModelProperty().get();
        if (loaded != null) {
            analysis.useFullModel(new org.omnisila.app.workbench.analysis.FullModelAnalysisEngine(loaded,
                    FULL_MODEL_TOKENS, seconds));
        }
    }

    /** @return the full model's window length, seconds (0: the whole video) */
    public double fullModelWindow() {
        return fullModelWindow;
    }

    public AnalysisViewModel analysis() {
        return analysis;
    }

    /** Export and questions about the analysis shown. */
    public ExportViewModel exports() {
        return export;
    }

    /** The cue overlays over the video: toggles, the computed cues. */
    public OverlayViewModel overlays() {
        return overlays;
    }

    /** @return the player in the centre */
    PlayerView player() {
        return player;
    }

    /** The player's state: the video shown and its time. */
    public PlayerViewModel playerModel() {
        return player.viewModel();
    }

    /**
     * Loops the located sentiment (else the analysed segment) at the player's time and plays it, or stops looping;
     * the status bar says which.
     */
    public void toggleLoop() {
        PlayerViewModel p = player.viewModel();
        if (p.loopProperty().get() != null) {
            p.clearLoop();
            return;
        }
        TimelineViewModel.Span s = timeline.spanAt(p.currentTimeProperty().get());
        if (s == null) {
            loopStatus.set("Nothing to loop here: a loop needs an analysis (Analyze, or File > Open result JSON).");
            return;
        }
        p.loop(s.start(), s.end());
        p.play();
    }

    /** The videos opened lately (File > Open recent). */
    public RecentVideos recent() {
        return recent;
    }

    /** The instruction box's state. */
    public InstructionViewModel instruction() {
        return instruction;
    }

    /** Puts the keyboard focus in the instruction box (Analysis > Ask). */
    void focusInstruction() {
        instructionView.focusQuestion();
    }

    /** Annotation mode: its switch, its state, the queue and the editor. */
    public AnnotationMode annotation() {
        return annotation;
    }

    /** File > New / Open annotation project (and {@code workbench --project}). */
    public ProjectDialogs projects() {
        return projects;
    }

    /** @return the region the player draws into (the timeline is under it, outside it) */
    StackPane centre() {
        return centre;
    }

}
