package org.omnisila.engine.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Finds where in a JSON text a field path ({@link JsonPaths}) is written, so that errors found after
 * parsing (by a record's constructor, or a missing field) can still point at a line and column.
 *
 * <p>The position of an object member is that of its name ({@code "end": ...}); of an array element,
 * its first character. When the path itself is not in the text (a missing field), the position of
 * the deepest enclosing value that is present is returned.
 */
final class JsonLocator {

    /** A 1-based line and column in the text. */
    record Position(int line, int column) {
    }

    private static final class Frame {
        final String path;
        final boolean array;
        int nextIndex;
        String name;
        JsonLocation nameLocation;

        Frame(String path, boolean array) {
            this.path = path;
            this.array = array;
        }
    }

    private final JsonFactory factory;

    JsonLocator(JsonFactory factory) {
        this.factory = factory;
    }

    /**
     * @param text   the JSON text; it may be malformed after the sought value
     * @param target the path to find, e.g. {@code segments[3].end}; empty for the whole document
     * @return the position of target or of its deepest present ancestor; null if not even the root
     *         value could be read
     */
    Position find(String text, String target) {
        Position best = null;
        int bestLength = -1;
        Deque<Frame> stack = new ArrayDeque<>();
        try (JsonParser parser = factory.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    Frame top = stack.peek();
                    top.name = parser.currentName();
                    top.nameLocation = parser.currentTokenLocation();
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    stack.pop();
                    continue;
                }
                Frame top = stack.peek();
                String path;
                JsonLocation location;
                if (top == null) {
                    path = "";
                    location = parser.currentTokenLocation();
                } else if (top.array) {
                    path = JsonPaths.element(top.path, top.nextIndex++);
                    location = parser.currentTokenLocation();
                } else {
                    path = JsonPaths.member(top.path, top.name);
                    location = top.nameLocation;
                }
                if (isPrefix(path, target) && path.length() > bestLength) {
                    best = new Position(location.getLineNr(), location.getColumnNr());
                    bestLength = path.length();
                    if (path.equals(target)) {
                        return best;
                    }
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    stack.push(new Frame(path, token == JsonToken.START_ARRAY));
                }
            }
        } catch (IOException | RuntimeException malformed) {
            // The text breaks off or is malformed after this point: what was found so far is the answer.
        }
        return best;
    }

    private static boolean isPrefix(String path, String target) {
        if (path.isEmpty() || path.equals(target)) {
            return true;
        }
        if (!target.startsWith(path)) {
            return false;
        }
        char next = target.charAt(path.length());
        return next == '.' || next == '[';
    }
}
