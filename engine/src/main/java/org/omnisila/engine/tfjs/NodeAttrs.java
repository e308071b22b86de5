package org.omnisila.engine.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The {@code attr} map of one graph node, read the way TensorFlow's {@code AttrValue} JSON writes it:
 * strings as base64 ({@code {"s": "U0FNRQ=="}}), 64-bit integers as decimal strings ({@code {"i": "2"}}),
 * lists under {@code list}.
 */
public final class NodeAttrs {

    private final String node;
    private final Map<String, JsonNode> attrs;

    /**
     * @param node the node's name, for messages
     * @param attrs the node's attributes as parsed JSON
     */
    public NodeAttrs(String node, Map<String, JsonNode> attrs) {
        this.node = node;
        this.attrs = Map.copyOf(attrs);
    }

    /** @return whether the attribute is present */
    public boolean has(String key) {
        return attrs.containsKey(key);
    }

    /** A string attribute ({@code s}, base64), or {@code fallback} when absent. */
    public String string(String key, String fallback) {
        JsonNode a = attrs.get(key);
        return a == null || !a.has("s") ? fallback : decode(a.get("s").asText());
    }

    /** A list of strings ({@code list.s}), empty when absent. */
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        JsonNode a = attrs.get(key);
        if (a != null && a.path("list").has("s")) {
            a.get("list").get("s").forEach(s -> out.add(decode(s.asText())));
        }
        return out;
    }

    /** An integer attribute ({@code i}), or {@code fallback} when absent. */
    public long integer(String key, long fallback) {
        JsonNode a = attrs.get(key);
        return a == null || !a.has("i") ? fallback : Long.parseLong(a.get("i").asText());
    }

    /** A list of integers ({@code list.i}), or {@code fallback} when absent or empty. */
    public long[] integers(String key, long[] fallback) {
        JsonNode a = attrs.get(key);
        if (a == null || !a.path("list").has("i") || a.get("list").get("i").isEmpty()) {
            return fallback;
        }
        JsonNode list = a.get("list").get("i");
        long[] out = new long[list.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = Long.parseLong(list.get(k).asText());
        }
        return out;
    }

    /** A boolean attribute ({@code b}), or {@code fallback} when absent. */
    public boolean bool(String key, boolean fallback) {
        JsonNode a = attrs.get(key);
        return a == null || !a.has("b") ? fallback : a.get("b").asBoolean();
    }

    /** A float attribute ({@code f}), or {@code fallback} when absent. */
    public float number(String key, float fallback) {
        JsonNode a = attrs.get(key);
        return a == null || !a.has("f") ? fallback : (float) a.get("f").asDouble();
    }

    /** A data-type attribute ({@code type}, e.g. {@code DT_FLOAT}), or {@code fallback} when absent. */
    public String type(String key, String fallback) {
        JsonNode a = attrs.get(key);
        return a == null || !a.has("type") ? fallback : a.get("type").asText();
    }

    /** The dimensions of a shape attribute ({@code shape.dim[].size}; -1 for unknown), or null when absent. */
    public long[] shape(String key) {
        JsonNode a = attrs.get(key);
        if (a == null || !a.has("shape")) {
            return null;
        }
        JsonNode dims = a.get("shape").path("dim");
        long[] out = new long[dims.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = Long.parseLong(dims.get(k).path("size").asText("-1"));
        }
        return out;
    }

    private String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new TfjsModelException("Node " + node + " has an attribute string that is not base64: " + base64, e);
        }
    }
}
