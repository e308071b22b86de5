package org.omnisila.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/result.schema.json and the records cannot drift apart: every record reachable from
 * {@link VideoAnalysis} has a schema definition (the root for VideoAnalysis, {@code $defs/<Name>}
 * for the others) listing exactly its components, in order, all required, no others allowed, each
 * described.
 */
class ResultSchemaTest {

    /** Tests run with the engine module as working directory. */
    static final Path SCHEMA = Path.of("..", "docs", "result.schema.json");

    private static JsonNode schema;

    @BeforeAll
    static void load() throws IOException {
        schema = new ObjectMapper().readTree(SCHEMA.toFile());
    }

    @Test
    void everyRecordIsDescribedExactly() {
        Set<Class<?>> records = reachableRecords();
        assertEquals(10, records.size(), "records reachable from VideoAnalysis: " + records);
        for (Class<?> type : records) {
            JsonNode definition = type == VideoAnalysis.class ? schema : schema.path("$defs").path(type.getSimpleName());
            assertFalse(definition.isMissingNode(), "no schema definition for " + type.getSimpleName());
            List<String> components = componentNames(type);
            assertEquals(components, names(definition.path("properties")), type.getSimpleName() + " properties");
            List<String> required = new ArrayList<>();
            definition.path("required").forEach(n -> required.add(n.asText()));
            assertEquals(components, required, type.getSimpleName() + " required");
            assertEquals("object", definition.path("type").asText(), type.getSimpleName() + " type");
            assertFalse(definition.path("additionalProperties").asBoolean(true),
                    type.getSimpleName() + " must forbid additional properties");
            assertDescribed(type.getSimpleName(), definition);
            definition.path("properties").fields().forEachRemaining(e ->
                    assertDescribed(type.getSimpleName() + "." + e.getKey(), e.getValue()));
        }
    }

    @Test
    void versionMatchesTheCode() {
        assertEquals(VideoAnalysis.SCHEMA_VERSION, schema.path("properties").path("schemaVersion").path("const").asInt(-1));
        assertTrue(schema.path("$id").asText().endsWith(":" + VideoAnalysis.SCHEMA_VERSION), schema.path("$id").asText());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
    }

    @Test
    void sceneFieldsAreTheSceneNames() {
        List<String> scenes = new ArrayList<>();
        for (Scene scene : Scene.values()) {
            scenes.add(scene.jsonName());
        }
        assertEquals(scenes, componentNames(SceneWeights.class));
        assertEquals(scenes, componentNames(SceneCues.class));
        for (String narrowed : List.of("RoutingWeights", "CausalEffects")) {
            assertEquals(scenes, names(schema.path("$defs").path(narrowed).path("properties")), narrowed);
        }
    }

    @Test
    void nullableFieldsAreTheOnesTheReaderAllowsAsNull() {
        assertNullable("ModelInfo", "checkpointSha256");
        assertNullable("SegmentResult", "routing");
        assertNullable("SegmentResult", "causalEffect");
        assertNullable("SegmentResult", "attribution");
        assertNullable("Cue", "box");
        assertNullable("LocatedSentiment", "attribution");
    }

    private static void assertNullable(String definition, String property) {
        JsonNode node = schema.path("$defs").path(definition).path("properties").path(property);
        assertTrue(node.toString().contains("\"null\""), definition + "." + property + " should allow null: " + node);
    }

    private static void assertDescribed(String what, JsonNode node) {
        JsonNode description = node.get("description");
        assertNotNull(description, what + " has no description");
        assertFalse(description.asText().isBlank(), what + " has a blank description");
    }

    private static Set<Class<?>> reachableRecords() {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Type> todo = new ArrayDeque<>(List.of(VideoAnalysis.class));
        while (!todo.isEmpty()) {
            Type type = todo.pop();
            if (type instanceof ParameterizedType parameterized) {
                todo.addAll(List.of(parameterized.getActualTypeArguments()));
            } else if (type instanceof Class<?> c && c.isRecord() && seen.add(c)) {
                for (RecordComponent component : c.getRecordComponents()) {
                    todo.add(component.getGenericType());
                }
            }
        }
        return seen;
    }

    static List<String> componentNames(Class<?> record) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            names.add(component.getName());
        }
        return names;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
