package org.omnisila.engine.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns what went wrong while reading one result text into a {@link ResultFormatException} that
 * names the file, the line and column, the field path and the problem in words a user can act on,
 * instead of Jackson's internal wording.
 */
final class ResultProblems {

    private static final Pattern MISSING_PROPERTY = Pattern.compile("Missing (?:required )?creator property '([^']+)'");

    private static final Pattern NON_NUMERIC = Pattern.compile("Non-standard token '([^']+)'");

    private final String source;
    private final String text;
    private final JsonLocator locator;
    private final String unknownFieldHint;

    /**
     * @param source           the file or source name used in messages
     * @param text             the JSON text being read, to locate fields in
     * @param locator          finds fields in the text
     * @param unknownFieldHint what to do about an unknown field, appended in parentheses; empty for nothing
     */
    ResultProblems(String source, String text, JsonLocator locator, String unknownFieldHint) {
        this.source = source;
        this.text = text;
        this.locator = locator;
        this.unknownFieldHint = unknownFieldHint.isEmpty() ? "" : " (" + unknownFieldHint + ")";
    }

    /** A problem with the whole file (missing, empty, unreadable): no position, no field. */
    static ResultFormatException whole(String source, String problem, Throwable cause) {
        return new ResultFormatException(source, -1, -1, "", problem, cause);
    }

    /** A problem at a field, positioned where the field (or its deepest present parent) is written. */
    ResultFormatException at(String field, String problem, Throwable cause) {
        return at(field, problem, null, cause);
    }

    /** The text is not well-formed JSON (syntax error, truncated, duplicate field, trailing data). */
    ResultFormatException syntax(JacksonException e) {
        String field = "";
        if (e.getProcessor() instanceof JsonParser parser) {
            field = JsonPaths.of(parser.getParsingContext());
        }
        boolean truncated = e instanceof JsonEOFException
                || String.valueOf(e.getOriginalMessage()).contains("end-of-input");
        String message = clean(e.getOriginalMessage());
        Matcher nonNumeric = NON_NUMERIC.matcher(message);
        String problem;
        if (truncated) {
            problem = "the JSON ends before the document is complete (is the file truncated?)";
        } else if (nonNumeric.find()) {
            problem = "invalid JSON: " + nonNumeric.group(1) + " is not a JSON number";
        } else if (message.startsWith("Trailing token")) {
            problem = "invalid JSON: there is more data after the end of the document";
        } else {
            problem = "invalid JSON: " + message;
        }
        return new ResultFormatException(source, line(e.getLocation()), column(e.getLocation()), field,
                problem, e);
    }

    /**
     * Jackson could read the JSON but not build the records from it.
     *
     * @param e    what Jackson reported
     * @param tree the same document as a tree, to describe the value that was found
     */
    ResultFormatException binding(DatabindException e, JsonNode tree) {
        String path = e instanceof JsonMappingException jme ? JsonPaths.of(jme.getPath()) : "";
        if (e instanceof ValueInstantiationException) {
            Throwable cause = rootCause(e);
            if (cause instanceof ResultValidationException invalid) {
                return at(JsonPaths.join(path, invalid.field()), invalid.getMessage(), e.getLocation(), e);
            }
            return at(path, cause.getMessage() != null ? cause.getMessage() : cause.toString(),
                    e.getLocation(), e);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return at(path, "unknown field \"" + unknown.getPropertyName() + "\"; allowed here: "
                    + known(unknown.getKnownPropertyIds()) + unknownFieldHint, e.getLocation(), e);
        }
        Matcher missing = MISSING_PROPERTY.matcher(e.getOriginalMessage());
        if (missing.find()) {
            // Jackson 2.18 already ends the path with the missing property; older versions did not.
            String field = path.endsWith("." + missing.group(1)) || path.equals(missing.group(1))
                    ? path : JsonPaths.member(path, missing.group(1));
            return at(field, "required field \"" + missing.group(1) + "\" is missing", e.getLocation(), e);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return at(path, "expected " + expected(mismatch.getTargetType()) + ", found "
                    + found(valueAt(tree, mismatch.getPath())), e.getLocation(), e);
        }
        return at(path, clean(e.getOriginalMessage()), e.getLocation(), e);
    }

    private ResultFormatException at(String field, String problem, JsonLocation fallback, Throwable cause) {
        JsonLocator.Position position = locator.find(text, field);
        int line = position != null ? position.line() : line(fallback);
        int column = position != null ? position.column() : column(fallback);
        return new ResultFormatException(source, line, column, field, problem, cause);
    }

    private static String expected(Class<?> type) {
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a value of type " + type.getSimpleName();
    }

    /** The value of the tree that a databind exception's path leads to, or null. */
    private static JsonNode valueAt(JsonNode tree, List<JsonMappingException.Reference> path) {
        JsonNode node = tree;
        for (JsonMappingException.Reference ref : path) {
            if (node == null) {
                return null;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
        }
        return node;
    }

    /** Describes a value found in the document, e.g. {@code a string ("abc")}. */
    private static String found(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "something else";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "a string (" + abbreviate(node.toString()) + ")";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        return node.isArray() ? "an array" : "an object";
    }

    private static String known(Collection<Object> ids) {
        return String.join(", ", ids.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** Jackson's message without its "[Source: ...]" location notes, which the report gives itself. */
    private static String clean(String message) {
        if (message == null) {
            return "unknown problem";
        }
        return message.replaceAll("\\s*\\(?(start marker )?at \\[Source: [^]]*]\\)?", "").trim();
    }

    private static int line(JsonLocation location) {
        return location == null ? -1 : location.getLineNr();
    }

    private static int column(JsonLocation location) {
        return location == null ? -1 : location.getColumnNr();
    }
}
