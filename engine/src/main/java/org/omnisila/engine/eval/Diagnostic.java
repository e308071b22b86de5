package org.omnisila.engine.eval;

/**
 * A problem found in an input file, located precisely enough to fix it.
 *
 * @param severity {@link Severity#ERROR} stops the evaluation; {@link Severity#WARNING} is reported and the
 *                 evaluation goes on, as the reference evaluators do
 * @param file     file name
 * @param line     1-based line, 0 when unknown
 * @param entry    the entry, e.g. {@code results["v_1"][3].segment}
 * @param message  what is wrong, in words
 */
public record Diagnostic(Severity severity, String file, int line, String entry, String message) {
    public enum Severity { ERROR, WARNING }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(severity == Severity.ERROR ? "error: " : "warning: ").append(file);
        if (line > 0) {
            b.append(", line ").append(line);
        }
        if (entry != null && !entry.isEmpty()) {
            b.append(", ").append(entry);
        }
        return b.append(": ").append(message).toString();
    }
}
