package org.omnisila.engine.eval;

import java.util.List;

/** Input files that cannot be evaluated; the message lists every error with its file, line and entry. */
public final class EvalInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 20;
    private final transient List<Diagnostic> errors;

    public EvalInputException(List<Diagnostic> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public EvalInputException(String file, int line, String entry, String message) {
        this(List.of(new Diagnostic(Diagnostic.Severity.ERROR, file, line, entry, message)));
    }

    public List<Diagnostic> errors() {
        return errors;
    }

    private static String describe(List<Diagnostic> errors) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(SHOWN, errors.size()); i++) {
            if (i > 0) {
                b.append('\n');
            }
            b.append(errors.get(i));
        }
        if (errors.size() > SHOWN) {
            b.append("\n... and ").append(errors.size() - SHOWN).append(" more errors");
        }
        return b.toString();
    }
}
