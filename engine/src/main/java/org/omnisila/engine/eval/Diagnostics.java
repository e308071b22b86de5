package org.omnisila.engine.eval;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one evaluation run so that all of them are reported at once, not just the first. */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    public void error(String file, int line, String entry, String message) {
        items.add(new Diagnostic(Diagnostic.Severity.ERROR, file, line, entry, message));
    }

    public void warning(String file, int line, String entry, String message) {
        items.add(new Diagnostic(Diagnostic.Severity.WARNING, file, line, entry, message));
    }

    public List<Diagnostic> all() {
        return List.copyOf(items);
    }

    public List<Diagnostic> errors() {
        return items.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    }

    public List<Diagnostic> warnings() {
        return items.stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    /** Throws {@link EvalInputException} listing every error so far, if there is any. */
    public void throwIfErrors() {
        if (hasErrors()) {
            throw new EvalInputException(errors());
        }
    }
}
