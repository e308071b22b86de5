package org.omnisila.app.workbench.annotate;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ChangeListener;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.review.ModelOpinion;
import org.omnisila.app.workbench.Background;
import org.omnisila.app.workbench.analysis.AnalysisViewModel;
import org.omnisila.app.workbench.player.PlayerViewModel;
import org.omnisila.app.workbench.timeline.TimelineView;
import org.omnisila.engine.api.VideoAnalysis;

/**
 * Annotation mode of the window (architecture.md, "UI layout": the mode switch turns the left side into the queue
 * and the right side into the annotation editor). It connects the {@link AnnotationViewModel} to the rest of the
 * window: selecting an item opens its video in the player and shows the frame at the item's start, the span is
 * drawn on the timeline with its handles, the boundaries snap to the player's frame rate, and what the window's
 * model says about the span (from the analysis shown, kept or just made) is put beside the attribution.
 */
public final class AnnotationMode {
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active");
    private final AnnotationViewModel model = new AnnotationViewModel(Background.thread("annotation-project"),
            Platform::runLater);
    private final ReadOnlyStringWrapper opinion = new ReadOnlyStringWrapper(this, "opinion", "");
    private final PlayerViewModel player;
    private final AnalysisViewModel analysis;
    private final Consumer<Path> openVideo;
    private final QueueView queue;
    private final ItemEditorView editor;
    private final SpanOverlay span;
    /** Pauses the player at the end of the span played once; null while none plays. */
    private ChangeListener<Number> stopAtEnd;

    /**
     * @param player    the window's player
     * @param timeline  the window's timeline, which the span is drawn over
     * @param analysis  the window's analyses: the result of the video shown, by the model loaded
     * @param openVideo opens a video in the window (the library's open)
     */
    public AnnotationMode(PlayerViewModel player, TimelineView timeline, AnalysisViewModel analysis,
                          Consumer<Path> openVideo) {
        this.player = player;
        this.analysis = analysis;
        this.openVideo = openVideo;
        this.queue = new QueueView(model);
        this.editor = new ItemEditorView(model, opinion.getReadOnlyProperty());
        this.span = new SpanOverlay(timeline.overlay(), timeline.model(), model);
        model.frameRateProperty().bind(player.frameRateProperty());
        model.selectedProperty().addListener((o, was, now) -> {
            if (active.get() && now != null && (was == null || was.id() != now.id() || was.start() != now.start()
                    || !was.videoPath().equals(now.videoPath()))) {
                show(now);
            }
        });
        active.addListener((o, was, now) -> {
            Item item = model.selectedProperty().get();
            if (now && item != null) {
                show(item);
            }
        });
        InvalidationListener spanShown = o -> span.shownProperty().set(active.get()
                && isItemsVideo(player.videoProperty().get(), model.selectedProperty().get()));
        active.addListener(spanShown);
        player.videoProperty().addListener(spanShown);
        model.selectedProperty().addListener(spanShown);
        InvalidationListener opinionChanged = o -> updateOpinion();
        analysis.resultProperty().addListener(opinionChanged);
        model.selectedProperty().addListener(opinionChanged);
        model.opinionProperty().addListener((o, was, now) -> opinion.set(describe(now,
                model.selectedProperty().get())));
    }

    /** Opens the item's video (when another is shown) and goes to the item's start. */
    private void show(Item item) {
        Path video = pathOf(item.videoPath());
        if (video == null) {
            return;
        }
        if (!isItemsVideo(player.videoProperty().get(), item)) {
            openVideo.accept(video);
        }
        player.seek(item.start());
    }

    /** Plays the selected item's span once: from its start, pausing at its end. */
    public void playSegment() {
        Item item = model.selectedProperty().get();
        if (item == null || !isItemsVideo(player.videoProperty().get(), item)) {
            return;
        }
        if (stopAtEnd != null) {
            player.currentTimeProperty().removeListener(stopAtEnd);
        }
        player.clearLoop();
        double end = item.end();
        ChangeListener<Number> stop = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number was, Number now) {
                if (now.doubleValue() >= end - 1e-6) {
                    player.pause();
                    player.currentTimeProperty().removeListener(this);
                    stopAtEnd = null;
                }
            }
        };
        stopAtEnd = stop;
        player.seek(item.start()).thenRunAsync(() -> {
            if (stopAtEnd == stop) {
                player.currentTimeProperty().addListener(stop);
                player.play();
            }
        }, Platform::runLater);
    }

    /**
     * When the analysis shown is of the selected item's video, the model's opinion of the span is recorded; the
     * line beside the attribution shows the latest opinion recorded (of this analysis, or of an earlier run).
     */
    private void updateOpinion() {
        Item item = model.selectedProperty().get();
        VideoAnalysis shown = analysis.resultProperty().get();
        if (item != null && shown != null && isItemsVideo(analysis.videoProperty().get(), item)) {
            model.modelSays(shown);
        }
        opinion.set(describe(model.opinionProperty().get(), item));
    }

    /**
     * The line beside the attribution, e.g. {@code "Model ICM: negative 0.82 over this span (the attribution says
     * positive)"}; empty without an opinion.
     */
    static String describe(ModelOpinion o, Item item) {
        if (o == null || item == null) {
            return "";
        }
        String line = String.format(java.util.Locale.ROOT, "Model %s: %s %.2f over this span", o.model(), o.label(),
                o.confidence());
        if (item.label() == null) {
            return line;
        }
        return line + (item.label().equals(o.label()) ? " (agrees with the attribution)"
                : " (the attribution says " + item.label() + ")");
    }

    private static boolean isItemsVideo(Path video, Item item) {
        if (video == null || item == null) {
            return false;
        }
        Path p = pathOf(item.videoPath());
        return p != null && p.equals(video.toAbsolutePath().normalize());
    }

    private static Path pathOf(String path) {
        try {
            return Path.of(path).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Whether annotation mode is on (the window shows the queue and the editor). */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** The annotation state: project, queue, selection, edits. */
    public AnnotationViewModel model() {
        return model;
    }

    /** The left side in this mode. */
    public QueueView queue() {
        return queue;
    }

    /** The right side in this mode. */
    public ItemEditorView editor() {
        return editor;
    }

    /** What the model says about the selected item's span, or empty. */
    public javafx.beans.property.ReadOnlyStringProperty opinionProperty() {
        return opinion.getReadOnlyProperty();
    }
}
