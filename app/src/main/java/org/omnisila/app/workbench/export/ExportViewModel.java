package org.omnisila.app.workbench.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.report.HtmlReport;
import org.omnisila.engine.report.LocatedCsv;
import org.omnisila.engine.video.VideoCancelledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export and questions about the analysis shown in the window: the result JSON, the CSV of located sentiments
 * and the self-contained HTML report (thumbnails read from the video, so it runs off the FX thread with
 * progress and cancel), and answers to instructions in the paper's form. {@link #messageProperty()} says what
 * happened, in words.
 */
public final class ExportViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ExportViewModel.class);

    /** What to write. */
    public enum Format { RESULT_JSON, LOCATED_CSV, HTML_REPORT }

    private final ObjectProperty<VideoAnalysis> analysis = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final Executor worker;
    private final Executor fx;
    private final AtomicBoolean cancel = new AtomicBoolean();

    /**
     * @param worker runs the export (a background thread)
     * @param fx     applies results to the properties ({@code Platform::runLater} in the window)
     */
    public ExportViewModel(Executor worker, Executor fx) {
        this.worker = worker;
        this.fx = fx;
    }

    /** The analysis shown, which is what gets exported; null when none. */
    public ObjectProperty<VideoAnalysis> analysisProperty() {
        return analysis;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /**
     * Writes the shown analysis in a format (call on the FX thread: it sets the properties); the HTML report takes its thumbnails from {@code video} (null or a
     * missing file: a report without them, said in the message).
     *
     * @return completes when done (with whether a file was written)
     */
    public CompletableFuture<Boolean> export(Format format, Path target, Path video) {
        VideoAnalysis a = analysis.get();
        if (a == null || busy.get()) {
            message.set(a == null ? "Nothing to export: analyse a video or open a result JSON first."
                    : "An export is running.");
            return CompletableFuture.completedFuture(false);
        }
        busy.set(true);
        cancel.set(false);
        message.set("Exporting " + target.getFileName() + " ...");
        return CompletableFuture.supplyAsync(() -> {
            try {
                switch (format) {
                    case RESULT_JSON -> ResultJson.write(a, target);
                    case LOCATED_CSV -> LocatedCsv.write(a, target);
                    case HTML_REPORT -> HtmlReport.write(a, video != null && Files.isRegularFile(video) ? video : null,
                            null, target, f -> fx.execute(() -> message.set(String.format(Locale.ROOT,
                                    "Exporting %s: thumbnails %.0f%%", target.getFileName(), 100 * f))), cancel::get);
                    default -> throw new IllegalArgumentException(format.toString());
                }
                finish("Exported " + target + (format == Format.HTML_REPORT && (video == null
                        || !Files.isRegularFile(video)) ? " (without thumbnails: the video was not found)" : ""));
                return true;
            } catch (VideoCancelledException e) {
                finish("Export cancelled; nothing written.");
                return false;
            } catch (Exception e) {
                LOG.warn("export to {} failed", target, e);
                finish("Could not export " + target + ": " + e.getMessage()
                        + ". Choose another folder, or free disk space.");
                return false;
            }
        }, worker);
    }

    /** Stops a running HTML export before its next thumbnail. */
    public void cancel() {
        cancel.set(true);
    }

    private void finish(String text) {
        fx.execute(() -> {
            message.set(text);
            busy.set(false);
        });
    }
}
