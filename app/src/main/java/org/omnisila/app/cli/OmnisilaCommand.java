package org.omnisila.app.cli;

import org.omnisila.app.platform.RuntimeDefaults;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code omnisila} command line. With no subcommand it opens the workbench window
 * ({@link WorkbenchCommand}). Errors in the user's input end in one clear message and a non-zero status, never a bare stack trace.
 */
@Command(name = "omnisila", mixinStandardHelpOptions = true, version = "omnisila 0.1.0",
        description = "Omni-SILA Workbench: identify, locate and attribute visual sentiment in video.",
        subcommands = {WorkbenchCommand.class, AnalyzeCommand.class, ScenesCommand.class, EvalCommand.class, SynthCommand.class,
            ReportCommand.class, AskCommand.class, ChatCommand.class, DistilCommand.class, SlideshowCommand.class,
            TrainCommand.class, TuneCommand.class,
            ExportCheckpointCommand.class,
            AblateCommand.class, BenchCommand.class, DoctorCommand.class, CacheCommand.class,
            org.omnisila.app.cli.annotate.AnnotateCommand.class})
public final class OmnisilaCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine workbench = spec.commandLine().getSubcommands().get("workbench");
        workbench.setOut(spec.commandLine().getOut());
        workbench.setErr(spec.commandLine().getErr());
        return workbench.execute();
    }

    /** A command line wired with the product's error handling, for {@link #main} and for tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new OmnisilaCommand());
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    public static void main(String[] args) {
        RuntimeDefaults.apply(); // before any library reads its cache folder or goes online
        System.exit(commandLine().execute(args));
    }
}
