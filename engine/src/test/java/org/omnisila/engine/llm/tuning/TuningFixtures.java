package org.omnisila.engine.llm.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** engine/src/test/resources/llm/tiny-tuning/expected.json (tuning_reference.py) and the tiny tokenizer's folder. */
final class TuningFixtures {
    private TuningFixtures() {
    }

    static Path resource(String name) {
        try {
            return Path.of(TuningFixtures.class.getResource("/llm/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path tokenizer() {
        return resource("tiny-tokenizer");
    }

    static JsonNode expected() {
        try {
            return new ObjectMapper().readTree(resource("tiny-tuning").resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    static List<InstructionDataset.Turn> turns(JsonNode array) {
        List<InstructionDataset.Turn> out = new ArrayList<>();
        array.forEach(t -> out.add(new InstructionDataset.Turn(t.get("from").asText(), t.get("value").asText())));
        return out;
    }
}
