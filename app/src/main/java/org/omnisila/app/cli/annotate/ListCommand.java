package org.omnisila.app.cli.annotate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.omnisila.annotator.project.AnnotationProject;
import org.omnisila.annotator.project.Item;
import org.omnisila.annotator.project.ItemFilter;
import org.omnisila.annotator.project.ItemState;
import org.omnisila.engine.api.SentimentLabels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code omnisila annotate list PROJECT}: the items of a project, filtered, as a table or JSON. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the items of an annotation project, by video and start time.")
final class ListCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { table, json }

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project file.")
    Path project;

    @Option(names = "--state", split = ",", paramLabel = "STATE",
            description = "Only items in these review states: unreviewed, accepted, edited, rejected (comma-separated).")
    List<String> states = List.of();

    @Option(names = "--label", paramLabel = "LABEL", description = "Only items with this sentiment label.")
    String label;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--annotator", paramLabel = "NAME",
            description = "Who opens the project (default: $OMNISILA_ANNOTATOR, else your user name).")
    String annotator;

    @ParentCommand
    AnnotateCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ItemFilter filter = filter();
        List<Item> items;
        try (AnnotationProject open = AnnotationProject.open(project, parent.annotator(annotator))) {
            items = open.items(filter);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? ItemListing.json(items) : ItemListing.table(items));
        out.flush();
        return 0;
    }

    private ItemFilter filter() {
        Set<ItemState> wanted = EnumSet.noneOf(ItemState.class);
        for (String state : states) {
            try {
                wanted.add(ItemState.of(state.strip().toLowerCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--state: " + e.getMessage());
            }
        }
        ItemFilter filter = new ItemFilter(wanted, null, null, null);
        return label == null ? filter : filter.withLabel(SentimentLabels.canonical(label));
    }
}
