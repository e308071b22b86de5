package org.omnisila.app.cli.annotate;

import java.util.Objects;
import java.util.function.Function;
import org.omnisila.annotator.generate.Keyring;
import org.omnisila.annotator.generate.OsKeyring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code omnisila annotate}: annotation projects from the command line (docs/annotation-guide.md): create one,
 * import machine attributions, ground truth or results into it, list its items, and have a vision model generate
 * attributions, compare annotators ({@code agreement}) and export the reviewed items as training data
 * ({@code export}).
 */
@Command(name = "annotate", mixinStandardHelpOptions = true,
        description = {"Annotation projects: create, import, list, generate machine attributions, agreement, export.",
            "The annotator recorded with every change is --annotator, else $OMNISILA_ANNOTATOR, else your user"
            + " name."},
        subcommands = {CreateCommand.class, ImportCommand.class, ListCommand.class, GenerateCommand.class,
            AgreementCommand.class, ExportCommand.class})
public final class AnnotateCommand implements Runnable {

    /** The environment variable naming the annotator when {@code --annotator} is not given. */
    static final String ANNOTATOR_VARIABLE = "OMNISILA_ANNOTATOR";

    private final Function<String, String> environment;
    private final Keyring keyring;

    @Spec
    CommandSpec spec;

    /** Reads the process's environment and the OS keyring. */
    public AnnotateCommand() {
        this(System::getenv, new OsKeyring());
    }

    /**
     * For tests: a given environment and keyring.
     *
     * @param environment reads a variable, null when unset
     * @param keyring     where API keys are looked up after the environment
     */
    public AnnotateCommand(Function<String, String> environment, Keyring keyring) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.keyring = Objects.requireNonNull(keyring, "keyring");
    }

    /** Without a subcommand: say which ones there are. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say what to do: create, import, list or generate"
                + " (omnisila annotate --help)");
    }

    /** An environment variable, or null. */
    String environment(String name) {
        return environment.apply(name);
    }

    /** The environment, for API keys. */
    Function<String, String> environment() {
        return environment;
    }

    /** The keyring, for API keys. */
    Keyring keyring() {
        return keyring;
    }

    /** Who works: the option, else {@value #ANNOTATOR_VARIABLE}, else the OS user, else "annotator". */
    String annotator(String option) {
        if (option != null && !option.isBlank()) {
            return option.strip();
        }
        String variable = environment(ANNOTATOR_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return variable.strip();
        }
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "annotator" : user;
    }
}
