package org.omnisila.engine.api;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Field paths as error messages show them: names joined by dots, array indices in brackets,
 * e.g. {@code segments[3].routing.face}; the root document is the empty path. Map keys are written
 * like field names ({@code sentimentScores.Fire}).
 */
final class JsonPaths {

    private JsonPaths() {
    }

    /** The path of a member of the object at {@code parent}. */
    static String member(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** The path of an element of the array at {@code parent}. */
    static String element(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** Joins a path with a path relative to it ({@code segments[3]} + {@code end}). */
    static String join(String parent, String relative) {
        if (relative.isEmpty()) {
            return parent;
        }
        if (parent.isEmpty() || relative.startsWith("[")) {
            return parent + relative;
        }
        return parent + "." + relative;
    }

    /** The path Jackson recorded while a databind exception travelled up through the document. */
    static String of(List<JsonMappingException.Reference> references) {
        String path = "";
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                path = member(path, ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path = element(path, ref.getIndex());
            }
        }
        return path;
    }

    /** The path of the value a streaming parser was reading, from its parsing context. */
    static String of(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        String path = "";
        for (JsonStreamContext c : chain) {
            if (c.inArray() && c.getCurrentIndex() >= 0) {
                path = element(path, c.getCurrentIndex());
            } else if (c.inObject() && c.getCurrentName() != null) {
                path = member(path, c.getCurrentName());
            }
        }
        return path;
    }
}
