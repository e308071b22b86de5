package org.omnisila.annotator.importer;

/**
 * What wrote an attribution line.
 *
 * @param name    the model or tool, e.g. {@code "gpt-4-vision-preview"}; not blank
 * @param version its version or date, e.g. {@code "2024-02-15"}; not blank (write {@code "unknown"} if you must)
 */
public record Generator(String name, String version) {

    /** Both are required. */
    public Generator {
        AttributionLine.nonBlank("name", name);
        AttributionLine.nonBlank("version", version);
    }
}
