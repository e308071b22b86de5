package org.omnisila.engine.eval.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.omnisila.engine.eval.Diagnostics;

/**
 * Streaming reads of the few value shapes the ActivityNet layout uses, with every problem reported to
 * {@link Diagnostics} by file, line and entry instead of thrown. Numbers may be JSON numbers or numeric
 * strings (TSL-300 writes times as strings); NaN and infinities are read so they can be reported as such.
 */
final class JsonCursor {
    private final JsonParser parser;
    private final String file;
    private final Diagnostics diagnostics;

    JsonCursor(JsonParser parser, String file, Diagnostics diagnostics) {
        this.parser = parser;
        this.file = file;
        this.diagnostics = diagnostics;
    }

    JsonParser parser() {
        return parser;
    }

    int line() {
        return parser.currentTokenLocation().getLineNr();
    }

    void error(int line, String entry, String message) {
        diagnostics.error(file, line, entry, message);
    }

    void warning(int line, String entry, String message) {
        diagnostics.warning(file, line, entry, message);
    }

    /** The current token must start an object; otherwise reports and skips it. */
    boolean expectObject(String entry) throws IOException {
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            return true;
        }
        error(line(), entry, "expected an object, found " + describe(parser.currentToken()));
        parser.skipChildren();
        return false;
    }

    boolean expectArray(String entry) throws IOException {
        if (parser.currentToken() == JsonToken.START_ARRAY) {
            return true;
        }
        error(line(), entry, "expected an array, found " + describe(parser.currentToken()));
        parser.skipChildren();
        return false;
    }

    /** A string value, or null (reported) when the current token is not a string. */
    String string(String entry) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        error(line(), entry, "expected a string, found " + describe(t));
        parser.skipChildren();
        return null;
    }

    /** A string value, or null without complaint for JSON null. */
    String optionalString(String entry) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_NULL ? null : string(entry);
    }

    /**
     * A number or a numeric string. Returns NaN after reporting when the value is missing, not numeric, or not
     * finite; the caller only has to check {@link Double#isFinite}.
     */
    double number(String entry) throws IOException {
        JsonToken t = parser.currentToken();
        double v;
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            v = parser.getDoubleValue();
        } else if (t == JsonToken.VALUE_STRING) {
            String s = parser.getText().trim();
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                error(line(), entry, "expected a number, found the string \"" + s + "\"");
                return Double.NaN;
            }
        } else {
            error(line(), entry, "expected a number, found " + describe(t));
            parser.skipChildren();
            return Double.NaN;
        }
        if (!Double.isFinite(v)) {
            error(line(), entry, "the number is " + v + "; only finite numbers are allowed");
            return Double.NaN;
        }
        return v;
    }

    /** A {@code [start, end]} pair; returns null after reporting when malformed or when end < start. */
    double[] segment(String entry) throws IOException {
        int line = line();
        if (!expectArray(entry)) {
            return null;
        }
        double[] values = new double[2];
        int n = 0;
        boolean ok = true;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (n < 2) {
                double v = number(entry + "[" + n + "]");
                ok &= Double.isFinite(v);
                values[n] = v;
            } else {
                parser.skipChildren();
            }
            n++;
        }
        if (n != 2) {
            error(line, entry, "a segment is [start, end] in seconds; found " + n + " values");
            return null;
        }
        if (!ok) {
            return null;
        }
        if (values[1] < values[0]) {
            error(line, entry, "end " + values[1] + " is before start " + values[0]);
            return null;
        }
        if (values[0] < 0) {
            warning(line, entry, "negative start time " + values[0] + " s");
        }
        return values;
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }
}
