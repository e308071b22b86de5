package org.omnisila.app.cli.annotate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.omnisila.annotator.importer.AttributionImporter;
import org.omnisila.annotator.importer.GroundTruthImporter;
import org.omnisila.annotator.importer.ImportException;
import org.omnisila.annotator.importer.ImportListener;
import org.omnisila.annotator.importer.ImportReport;
import org.omnisila.annotator.importer.ResultImporter;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.app.cli.CtrlC;
import org.omnisila.engine.api.ResultFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code omnisila annotate import PROJECT FILE... --kind KIND}: imports files into a project, one transaction each,
 * with progress; prints each file's report with its malformed entries (file, line, field). Ctrl-C stops: the file
 * being imported is not imported at all, the ones before it are.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import files into an annotation project. Malformed entries are listed and skipped;"
            + " importing a file again adds nothing. Ctrl-C stops; the file being read is then not imported at all.")
final class ImportCommand implements Callable<Integer> {

    /** Exit status after Ctrl-C. */
    static final int CANCELLED = 130;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project file.")
    Path project;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "The files to import.")
    List<Path> files;

    @Option(names = "--kind", required = true, paramLabel = "attributions|ground-truth|result",
            description = "What the files are: machine attributions (JSON lines), ground truth (ActivityNet"
                + " layout, as TSL-300's gt.json) or an Omni-SILA result JSON.")
    String kind;

    @Option(names = "--annotator", paramLabel = "NAME",
            description = "Who imports (default: $OMNISILA_ANNOTATOR, else your user name).")
    String annotator;

    @ParentCommand
    AnnotateCommand parent;

    @Spec
    CommandSpec spec;

    /** One of the importers. */
    @FunctionalInterface
    private interface Importer {
        ImportReport importFile(AnnotationProject project, Path file, ImportListener listener,
                                BooleanSupplier cancelled);
    }

    @Override
    public Integer call() {
        Importer importer = importer();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        // Ctrl-C lets the JVM end once CtrlC is closed: it is closed last, after the project.
        try (CtrlC stop = new CtrlC();
             AnnotationProject open = AnnotationProject.open(project, parent.annotator(annotator))) {
            for (Path file : files) {
                ConsoleLine line = new ConsoleLine(err);
                try {
                    ImportReport report = importer.importFile(open, file, (entries, fraction) -> line.show(
                            String.format(Locale.ROOT, "%s: %,d entries read (%.0f %%)", file.getFileName(), entries,
                                    fraction * 100), fraction >= 1), stop::requested);
                    line.done();
                    print(out, report);
                } catch (ImportException e) {
                    line.done();
                    err.println(e.getMessage() + "; nothing of it was imported");
                    failed++;
                } catch (CancellationException e) {
                    line.done();
                    err.println("stopped: nothing of " + file + " was imported"
                            + (files.indexOf(file) > 0 ? "; the files before it were" : ""));
                    err.flush();
                    return CANCELLED;
                }
            }
        }
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 1;
    }

    private Importer importer() {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "attributions" -> AttributionImporter::importFile;
            case "ground-truth" -> GroundTruthImporter::importFile;
            case "result" -> ResultImporter::importFile;
            default -> throw new ParameterException(spec.commandLine(), "--kind must be attributions, ground-truth"
                    + " or result, not \"" + kind + "\"");
        };
    }

    private static void print(PrintWriter out, ImportReport report) {
        out.println(report.summary());
        for (ResultFormatException problem : report.problems()) {
            out.println("  " + problem.getMessage());
        }
        int untold = report.problemCount() - report.problems().size();
        if (untold > 0) {
            out.printf(Locale.ROOT, "  ... and %,d more%n", untold);
        }
    }
}
