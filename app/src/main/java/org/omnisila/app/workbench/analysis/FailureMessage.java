package org.omnisila.app.workbench.analysis;

import org.omnisila.app.workbench.log.WorkbenchLog;
import org.omnisila.engine.icm.checkpoint.CheckpointException;
import org.omnisila.engine.models.ModelFileException;
import org.omnisila.engine.video.VideoFormatException;

/** Why an analysis failed and what to do, in words for the window (the stack trace goes to the log). */
final class FailureMessage {
    private FailureMessage() {
    }

    static String of(Throwable t) {
        if (t instanceof VideoFormatException) {
            return "Cannot analyse " + t.getMessage() + ". Choose a video file (MP4, MOV, AVI, MKV, WebM, ...).";
        }
        if (t instanceof ModelFileException || t instanceof CheckpointException) {
            return "The model cannot be loaded: " + t.getMessage() + ". Reinstall Omni-SILA (or delete the "
                    + "models folder under the cache folder so that the files are copied again), then Analyze again.";
        }
        return "The analysis failed: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage())
                + ". The details are in the log (" + WorkbenchLog.where() + ").";
    }
}
