package org.omnisila.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.omnisila.annotator.generate.VlmException;
import org.omnisila.annotator.importer.ImportException;
import org.omnisila.annotator.project.ProjectException;
import org.omnisila.engine.api.ResultFormatException;
import org.omnisila.engine.data.DatasetFormatException;
import org.omnisila.engine.icm.checkpoint.CheckpointException;
import org.omnisila.engine.train.TrainingDivergedException;
import org.omnisila.engine.eval.EvalInputException;
import org.omnisila.engine.models.ModelFileException;
import org.omnisila.engine.video.VideoFormatException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into a message for the user: the command name, what went wrong (file, line, entry where
 * known) and exit status 1. A stack trace is printed only with {@code OMNISILA_DEBUG=1}.
 */
public final class UserErrorHandler implements IExecutionExceptionHandler {
    static final int INPUT_ERROR = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        String name = cmd.getCommandSpec().qualifiedName();
        String message;
        if (e instanceof EvalInputException || e instanceof ResultFormatException || e instanceof DatasetFormatException
                || e instanceof TrainingDivergedException || e instanceof CheckpointException
                || e instanceof ModelFileException || e instanceof VideoFormatException
                || e instanceof IllegalArgumentException || e instanceof ProjectException
                || e instanceof ImportException || e instanceof VlmException) {
            message = e.getMessage();
        } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            message = "input/output error: " + e.getMessage();
        } else {
            message = "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "\n(run with OMNISILA_DEBUG=1 for the stack trace, and please report it)";
        }
        cmd.getErr().println(name + ": " + message.replace("\n", "\n" + " ".repeat(name.length() + 2)));
        if ("1".equals(System.getenv("OMNISILA_DEBUG"))) {
            e.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return INPUT_ERROR;
    }
}
