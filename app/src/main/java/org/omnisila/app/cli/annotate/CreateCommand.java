package org.omnisila.app.cli.annotate;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.omnisila.annotator.project.AnnotationProject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code omnisila annotate create PROJECT --name NAME}: a new, empty project file. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a new, empty annotation project (one SQLite file; we suggest the extension .sila).")
final class CreateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project file to create; it must not exist.")
    Path project;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The project's name.")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AnnotationProject.create(project, name);
        spec.commandLine().getOut().println("created " + project + " (\"" + name + "\")");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
