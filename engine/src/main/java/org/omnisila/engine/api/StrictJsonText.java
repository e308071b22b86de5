package org.omnisila.engine.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One JSON document of the product's own formats being read into records: the text is parsed into a tree
 * first, then bound; every failure is a {@link ResultFormatException} naming the source, line, column and field
 * path in words a user can act on (a record constructor's {@link ResultValidationException} becomes the full
 * path of its field). {@link ResultJson} reads result files this way, the annotator its attribution lines.
 */
public final class StrictJsonText {

    /** One way of binding, from the text or from the tree. */
    private interface Binding<T> {
        T bind() throws JacksonException;
    }

    private final ObjectMapper mapper;
    private final String json;
    private final JsonNode tree;
    private final ResultProblems problems;

    private StrictJsonText(ObjectMapper mapper, String json, JsonNode tree, ResultProblems problems) {
        this.mapper = mapper;
        this.json = json;
        this.tree = tree;
        this.problems = problems;
    }

    /**
     * Parses a text into a tree.
     *
     * @param mapper           the mapper to read with, usually {@link StrictJson#mapper()} or a copy of it
     * @param json             the JSON text; not null
     * @param source           what to call the text in messages, usually the file name
     * @param unknownFieldHint what the reader of a message about an unknown field should do, e.g. "check the
     *                         spelling against docs/formats.md"; empty for nothing
     * @throws ResultFormatException if the text is not well-formed JSON
     */
    public static StrictJsonText parse(ObjectMapper mapper, String json, String source, String unknownFieldHint) {
        ResultProblems problems = new ResultProblems(source, json, new JsonLocator(mapper.getFactory()),
                unknownFieldHint);
        try {
            return new StrictJsonText(mapper, json, mapper.readTree(json), problems);
        } catch (JacksonException e) {
            throw problems.syntax(e);
        }
    }

    /** The document as a tree, for checks before binding; changes to it are seen by {@link #bindTree}. */
    public JsonNode tree() {
        return tree;
    }

    /**
     * Binds the text to a type.
     *
     * @throws ResultFormatException if a field is missing, unknown, of the wrong type or invalid for its record
     */
    public <T> T bind(Class<T> type) {
        return bind(() -> mapper.readValue(json, type));
    }

    /** Binds the tree (as changed, e.g. migrated from an older version) to a type; failures as {@link #bind}. */
    public <T> T bindTree(Class<T> type) {
        return bind(() -> mapper.treeToValue(tree, type));
    }

    /** A problem at a field, positioned where the field (or its deepest present parent) is written. */
    public ResultFormatException problemAt(String field, String problem) {
        return problems.at(field, problem, null);
    }

    ResultProblems problems() {
        return problems;
    }

    private <T> T bind(Binding<T> binding) {
        try {
            return binding.bind();
        } catch (DatabindException e) {
            throw problems.binding(e, tree);
        } catch (JacksonException e) {
            throw problems.syntax(e);
        }
    }
}
