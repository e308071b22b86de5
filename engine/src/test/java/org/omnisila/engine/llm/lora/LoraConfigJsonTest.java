package org.omnisila.engine.llm.lora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.icm.checkpoint.CheckpointException;

/** adapter_config.json read as PEFT writes it, refused by field name where this engine cannot follow, written back. */
class LoraConfigJsonTest {
    @TempDir
    Path dir;

    private Path json(String text) throws IOException {
        Path file = dir.resolve("adapter_config.json");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsTheFixtureAsPeftWroteIt() {
        LoraConfig c = LoraConfigJson.read(LoraFixtures.tinyLora().resolve(PeftAdapterLoader.CONFIG));
        assertEquals(4, c.r());
        assertEquals(16.0, c.alpha());
        assertEquals(0.05, c.dropout());
        assertEquals(List.of("q_proj", "v_proj", "o_proj", "gate_proj"), c.targetModules());
        assertNull(c.targetRegex());
        assertEquals(4.0, c.scaling());
        assertEquals("CAUSAL_LM", c.taskType());
        assertEquals("tiny-llama", c.baseModel());
    }

    @Test
    void peftDefaultsAndRsLora() throws IOException {
        LoraConfig c = LoraConfigJson.read(json("{\"target_modules\": [\"q_proj\"], \"use_rslora\": true, "
                + "\"r\": 16, \"lora_alpha\": 64}"));
        assertEquals(64 / 4.0, c.scaling()); // alpha / sqrt(r)
        LoraConfig d = LoraConfigJson.read(json("{\"target_modules\": [\"q_proj\"]}"));
        assertEquals(8, d.r()); // PEFT's defaults: r 8, alpha 8, dropout 0
        assertEquals(1.0, d.scaling());
        assertEquals(0.0, d.dropout());
    }

    @Test
    void targetMatchingIsPefts() throws IOException {
        LoraConfig list = LoraConfig.of(4, 8, 0, List.of("q_proj", "mlp.down_proj"));
        assertTrue(list.matches("model.layers.0.self_attn.q_proj"));
        assertTrue(list.matches("q_proj"));
        assertTrue(list.matches("model.layers.3.mlp.down_proj"));
        assertFalse(list.matches("model.layers.0.self_attn.xq_proj")); // a suffix only after a dot
        assertFalse(list.matches("model.layers.0.self_attn.q_proj.lora_A"));
        LoraConfig regex = LoraConfigJson.read(json("{\"target_modules\": \".*layers\\\\.1\\\\..*(q|v)_proj\"}"));
        assertTrue(regex.matches("model.layers.1.self_attn.q_proj"));
        assertFalse(regex.matches("model.layers.0.self_attn.q_proj"));
        assertFalse(regex.matches("model.layers.1.self_attn.k_proj"));
        // a full match, not a search: "q_proj" alone as a string matches only a module named exactly so
        LoraConfig plain = LoraConfigJson.read(json("{\"target_modules\": \"q_proj\"}"));
        assertFalse(plain.matches("model.layers.0.self_attn.q_proj"));
        assertTrue(plain.matches("q_proj"));
    }

    @Test
    void refusesWhatItCannotDoByName() throws IOException {
        for (String[] c : new String[][] {
                {"\"bias\": \"lora_only\"", "bias \"lora_only\""},
                {"\"bias\": \"all\"", "bias \"all\""},
                {"\"use_dora\": true", "use_dora"},
                {"\"modules_to_save\": [\"lm_head\"]", "modules_to_save [\"lm_head\"]"},
                {"\"rank_pattern\": {\"q_proj\": 8}", "rank_pattern"},
                {"\"alpha_pattern\": {\"q_proj\": 8}", "alpha_pattern"},
                {"\"fan_in_fan_out\": true", "fan_in_fan_out"},
                {"\"peft_type\": \"IA3\"", "peft_type \"IA3\""}}) {
            Path file = json("{\"target_modules\": [\"q_proj\"], " + c[0] + "}");
            CheckpointException e = assertThrows(CheckpointException.class, () -> LoraConfigJson.read(file));
            assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains(file.toString()), e.getMessage());
        }
        // empty or null is what PEFT writes when they are unused
        LoraConfigJson.read(json("{\"target_modules\": [\"q_proj\"], \"modules_to_save\": null, "
                + "\"rank_pattern\": {}, \"alpha_pattern\": {}, \"bias\": \"none\", \"use_dora\": false}"));
    }

    @Test
    void badFilesAreNamed() throws IOException {
        Path broken = json("{\"r\": 4,");
        assertTrue(assertThrows(CheckpointException.class, () -> LoraConfigJson.read(broken)).getMessage()
                .contains("not readable JSON"));
        Path noTargets = json("{\"r\": 4}");
        assertTrue(assertThrows(CheckpointException.class, () -> LoraConfigJson.read(noTargets)).getMessage()
                .contains("target_modules"));
        Path badRegex = json("{\"target_modules\": \"(q_proj\"}");
        assertTrue(assertThrows(CheckpointException.class, () -> LoraConfigJson.read(badRegex)).getMessage()
                .contains("not a regular expression"));
        Path badRank = json("{\"target_modules\": [\"q_proj\"], \"r\": 0}");
        assertTrue(assertThrows(CheckpointException.class, () -> LoraConfigJson.read(badRank)).getMessage()
                .contains("r must be > 0"));
    }

    @Test
    void writtenConfigReadsBack() throws IOException {
        for (LoraConfig c : List.of(
                new LoraConfig(16, 64, 0.05, LoraConfig.ATTENTION, null, false, "LanguageBind/Video-LLaVA-7B",
                        "CAUSAL_LM"),
                new LoraConfig(8, 16, 0, List.of(), ".*\\.(q|v)_proj", true, null, "CAUSAL_LM"))) {
            assertEquals(c, LoraConfigJson.read(json(LoraConfigJson.write(c))));
        }
        assertTrue(LoraConfigJson.write(LoraConfig.paper(LoraConfig.ATTENTION)).contains("\"lora_alpha\" : 64,"));
        LoraConfig fractional = LoraConfig.of(4, 7.5, 0, List.of("q_proj"));
        assertEquals(7.5, LoraConfigJson.read(json(LoraConfigJson.write(fractional))).alpha());
    }
}
