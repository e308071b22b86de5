package org.omnisila.annotator.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JSON array written one element per line ({@code [}, then each element compact on a line of its own, commas at
 * the line ends, then {@code ]}), UTF-8 with {@code \n} line ends: valid JSON that Video-LLaVA's loader reads, and
 * that diff and grep can work with at 100,000s of entries.
 */
final class JsonArrayFile implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BufferedWriter out;
    private int count;

    JsonArrayFile(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write('[');
    }

    void add(ObjectNode element) throws IOException {
        out.write(count == 0 ? "\n" : ",\n");
        out.write(MAPPER.writeValueAsString(element));
        count++;
    }

    /** Elements written so far. */
    int count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        try (out) {
            out.write(count == 0 ? "]\n" : "\n]\n");
        }
    }
}
