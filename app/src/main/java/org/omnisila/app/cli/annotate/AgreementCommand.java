package org.omnisila.app.cli.annotate;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ProjectException;
import org.omnisila.annotator.review.Agreement;
import org.omnisila.annotator.review.AgreementReport;
import org.omnisila.annotator.review.Disagreement;
import org.omnisila.annotator.review.PeerImportReport;
import org.omnisila.annotator.review.PeerReviews;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code omnisila annotate agreement}: how far the annotators of a project agree (docs/annotation-guide.md,
 * "Agreement"): imports the other annotators' copies given with {@code --peer}, then prints Cohen's kappa for each
 * pair of raters, Fleiss' kappa for all, the mean tIoU of the segments and the items that disagree most, as a table
 * or as JSON.
 */
@Command(name = "agreement", mixinStandardHelpOptions = true,
        description = {"Agreement between annotators: Cohen's kappa (each pair), Fleiss' kappa (all), on labels with",
            "a rejected item as the category \"rejected\"; mean tIoU of the segments both kept; the items that",
            "disagree most. Peers' copies given with --peer are imported first (read only; they may be open)."})
public final class AgreementCommand implements Callable<Integer> {

    /** Exit status when the project or a peer's copy cannot be used. */
    static final int INPUT_ERROR = 1;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PROJECT", description = "The annotation project (.sila); it must not be open in a window.")
    Path project;

    @Option(names = "--peer", paramLabel = "OTHER.sila",
            description = "Another annotator's copy of the project to import first; repeatable.")
    List<Path> peers = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (tables, the default) or json.")
    String format;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "How many disagreeing items to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--annotator", paramLabel = "NAME",
            description = "Who opens the project, for its log (default: $OMNISILA_ANNOTATOR, else your user name).")
    String annotator;

    @ParentCommand
    AnnotateCommand parent;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        String name = spec.qualifiedName();
        if (!format.equals("text") && !format.equals("json")) {
            return fail(name, "unknown --format \"" + format + "\"; use text or json");
        }
        if (top < 0) {
            return fail(name, "--top must be 0 or more, but was " + top);
        }
        try (AnnotationProject opened = AnnotationProject.open(project, parent.annotator(annotator))) {
            List<PeerImportReport> imports = new ArrayList<>();
            PeerReviews peerReviews = new PeerReviews(opened);
            for (Path peer : peers) {
                imports.add(peerReviews.importFrom(peer));
            }
            AgreementReport report = Agreement.ofProject(opened, top);
            List<Item> items = new ArrayList<>();
            for (Disagreement d : report.disagreements()) {
                items.add(d.itemId() == null ? null : opened.item(d.itemId()));
            }
            if (format.equals("json")) {
                out.println(AgreementJson.of(imports, report, items));
            } else {
                AgreementText.print(out, imports, report, items);
            }
            out.flush();
            return 0;
        } catch (ProjectException | IllegalArgumentException e) {
            return fail(name, e.getMessage());
        }
    }

    private int fail(String name, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(name + ": " + message);
        err.flush();
        return INPUT_ERROR;
    }
}
