package org.omnisila.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The first check on a result document, made on its tree before it is bound to records: it must be
 * an object whose {@code schemaVersion} is an integer this build can read (1 up to
 * {@link VideoAnalysis#SCHEMA_VERSION}). Checking first means a file from a newer Omni-SILA is
 * reported as "newer" rather than as unknown fields.
 */
final class SchemaVersion {

    private static final String FIELD = "schemaVersion";

    private SchemaVersion() {
    }

    /**
     * @param tree     the whole document
     * @param problems reports a failure with its position
     * @throws ResultFormatException if the version is missing, not an integer, below 1 or newer than
     *         this build
     */
    static void check(JsonNode tree, ResultProblems problems) {
        if (!tree.isObject()) {
            throw problems.at("", "expected a JSON object (an Omni-SILA result) at the top level, found "
                    + (tree.isArray() ? "an array" : "a " + tree.getNodeType().name().toLowerCase(Locale.ROOT)),
                    null);
        }
        JsonNode version = tree.get(FIELD);
        if (version == null) {
            throw problems.at(FIELD, "schemaVersion is missing; this is not an Omni-SILA result file", null);
        }
        if (!version.isIntegralNumber() || !version.canConvertToInt()) {
            throw problems.at(FIELD, "schemaVersion must be a whole number, found " + version, null);
        }
        int value = version.intValue();
        if (value < 1) {
            throw problems.at(FIELD, "schemaVersion " + value + " is invalid; versions start at 1", null);
        }
        if (value > VideoAnalysis.SCHEMA_VERSION) {
            throw problems.at(FIELD, "written by a newer Omni-SILA (schema " + value + "); this build reads schema "
                    + VideoAnalysis.SCHEMA_VERSION + " \u2014 update the workbench", null);
        }
    }

    /**
     * Brings a checked document of an older version to the current one, in place: version 1 had no
     * {@code warnings} (it gets an empty list).
     *
     * @return whether the tree was changed (bind it rather than the text)
     */
    static boolean migrate(JsonNode tree) {
        int version = tree.get(FIELD).intValue();
        if (version == VideoAnalysis.SCHEMA_VERSION) {
            return false;
        }
        ObjectNode root = (ObjectNode) tree;
        if (version < 2 && !root.has("warnings")) {
            root.putArray("warnings");
        }
        root.put(FIELD, VideoAnalysis.SCHEMA_VERSION);
        return true;
    }
}
