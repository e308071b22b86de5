package org.omnisila.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code omnisila} command line. With no subcommand it prints help (the workbench comes later). */
@Command(name = "omnisila", mixinStandardHelpOptions = true, version = "omnisila 0.1.0",
        description = "Omni-SILA Workbench: identify, locate and attribute visual sentiment in video.")
public final class OmnisilaCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new OmnisilaCommand()).execute(args));
    }
}
