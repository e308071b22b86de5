package org.omnisila.engine.llm.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.icm.checkpoint.CheckpointException;
import org.omnisila.engine.llm.LlamaForCausalLM;
import org.omnisila.engine.llm.LlmFixtures;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedLlama;
import org.omnisila.engine.llm.hf.SafetensorsFile;
import org.omnisila.engine.llm.hf.SafetensorsWriter;

/** Adapter folders: what is refused and how it is said, and save -> load unchanged. */
class PeftAdapterTest {
    @TempDir
    Path dir;

    private static LoadedLlama base(NDManager manager) {
        return LlamaLoader.load(LlmFixtures.tinyLlama(), manager, LlamaLoader.Settings.cpuDefaults());
    }

    private Path folder(String name, Map<String, NDArray> tensors) throws IOException {
        Path out = Files.createDirectories(dir.resolve(name));
        Files.copy(LoraFixtures.tinyLora().resolve(PeftAdapterLoader.CONFIG), out.resolve(PeftAdapterLoader.CONFIG));
        SafetensorsWriter.write(out.resolve(PeftAdapterLoader.WEIGHTS), tensors);
        return out;
    }

    @Test
    void missingMisShapedAndForeignTensorsAreListedInOneMessage() throws IOException {
        String p = PeftAdapterLoader.PREFIX + "model.layers.";
        try (NDManager manager = NDManager.newBaseManager("PyTorch"); LoadedLlama llama = base(manager)) {
            Map<String, NDArray> tensors = LoraFixtures.tensors(manager);
            tensors.remove(p + "1.mlp.gate_proj.lora_B.weight");
            tensors.put(p + "0.self_attn.q_proj.lora_A.weight", manager.zeros(new Shape(8, 64)));
            tensors.put(p + "0.self_attn.k_proj.lora_A.weight", manager.zeros(new Shape(4, 64)));
            tensors.put(p + "5.self_attn.q_proj.lora_A.weight", manager.zeros(new Shape(4, 64)));
            Path bad = folder("bad", tensors);
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> PeftAdapterLoader.load(bad, llama.model(), manager, DataType.FLOAT32));
            String m = e.getMessage();
            System.out.println(m);
            assertTrue(m.contains("4 problem(s)"), m);
            assertTrue(m.contains("tensor " + p + "1.mlp.gate_proj.lora_B.weight (expected (128, 4)) is missing "
                    + "from [adapter_model.safetensors]"), m);
            assertTrue(m.contains("tensor " + p + "0.self_attn.q_proj.lora_A.weight in adapter_model.safetensors "
                    + "has shape (8, 64), the config expects (4, 64)"), m);
            assertTrue(m.contains("tensor " + p + "0.self_attn.k_proj.lora_A.weight in adapter_model.safetensors "
                    + "is for a module the model lacks or adapter_config.json does not target"), m);
            assertTrue(m.contains(p + "5.self_attn.q_proj.lora_A.weight"), m);
            // refused before anything was attached: the fixture still loads onto the same model
            assertTrue(Lora.pairs(llama.model()).isEmpty());
            PeftAdapterLoader.load(LoraFixtures.tinyLora(), llama.model(), manager, DataType.FLOAT32).close();
        }
    }

    @Test
    void pickleOnlyAndIncompleteFoldersSayWhatToDo() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(LoraFixtures.tinyLora().resolve(PeftAdapterLoader.CONFIG), bin.resolve(PeftAdapterLoader.CONFIG));
        Files.write(bin.resolve("adapter_model.bin"), new byte[] {(byte) 0x80, 2});
        Path noConfig = Files.createDirectories(dir.resolve("noconfig"));
        try (NDManager manager = NDManager.newBaseManager("PyTorch"); LoadedLlama llama = base(manager)) {
            String m = assertThrows(CheckpointException.class,
                    () -> PeftAdapterLoader.load(bin, llama.model(), manager, DataType.FLOAT32)).getMessage();
            assertTrue(m.contains("has no adapter_model.safetensors") && m.contains("pickle")
                    && m.contains("safetensors.torch.save_file"), m);
            m = assertThrows(CheckpointException.class,
                    () -> PeftAdapterLoader.load(noConfig, llama.model(), manager, DataType.FLOAT32)).getMessage();
            assertTrue(m.contains("has no adapter_config.json"), m);
        }
    }

    @Test
    void targetsMatchingNothingAreNamed() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch"); LoadedLlama llama = base(manager)) {
            String m = assertThrows(IllegalArgumentException.class, () -> Lora.attach(llama.model(),
                    LoraConfig.of(4, 8, 0, List.of("query_key_value")), manager, DataType.FLOAT32)).getMessage();
            assertTrue(m.contains("[query_key_value]") && m.contains("model.layers.0.self_attn.q_proj"), m);
        }
    }

    @Test
    void saveThenLoadIsBitIdenticalAndPeftsLayout() throws IOException {
        LoraConfig config = new LoraConfig(4, 16, 0.05, List.of("q_proj", "v_proj", "o_proj", "gate_proj"), null,
                false, "tiny-llama", "CAUSAL_LM");
        long[] tokens = LlmFixtures.longs(LoraFixtures.expected().get("tokens"));
        Path saved = dir.resolve("saved");
        float[] before;
        Map<String, byte[]> values = new java.util.LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager("PyTorch"); LoadedLlama llama = base(manager)) {
            manager.getEngine().setRandomSeed(7);
            Lora.attach(llama.model(), config, manager, DataType.FLOAT32);
            for (LoraPair pair : Lora.pairs(llama.model()).values()) { // B non-zero, as after training
                pair.b().getArray().set(manager.randomNormal(pair.b().getShape()).toFloatArray());
            }
            Lora.trainableParameters(llama.model()).forEach((n, p) -> values.put(n, p.getArray().toByteArray()));
            before = LoraFixtures.logits(llama.model(), manager, tokens, false);
            PeftAdapterWriter.save(saved, llama.model(), config);
        }
        assertEquals(List.of("adapter_config.json", "adapter_model.safetensors"), names(saved)); // no .tmp left
        assertEquals(config, LoraConfigJson.read(saved.resolve(PeftAdapterLoader.CONFIG)));
        assertEquals(values.keySet().stream().map(n -> PeftAdapterLoader.PREFIX + n).sorted().toList(),
                SafetensorsFile.open(saved.resolve(PeftAdapterLoader.WEIGHTS)).tensors().keySet().stream().toList());
        try (NDManager manager = NDManager.newBaseManager("PyTorch"); LoadedLlama llama = base(manager);
             LoadedAdapter adapter = PeftAdapterLoader.load(saved, llama.model(), manager, DataType.FLOAT32)) {
            Map<String, Parameter> loaded = Lora.trainableParameters(llama.model());
            assertEquals(values.keySet(), loaded.keySet());
            values.forEach((n, bytes) -> assertArrayEquals(bytes, loaded.get(n).getArray().toByteArray(), n));
            assertArrayEquals(before, LoraFixtures.logits(llama.model(), manager, tokens, false));
        }
    }

    @Test
    void f16AdaptersAreWidenedExactly() throws IOException {
        try (NDManager manager = NDManager.newBaseManager("PyTorch"); LoadedLlama llama = base(manager)) {
            Map<String, NDArray> tensors = LoraFixtures.tensors(manager);
            tensors.replaceAll((n, t) -> t.toType(DataType.FLOAT16, true));
            Path half = folder("f16", tensors);
            assertEquals("F16", SafetensorsFile.open(half.resolve(PeftAdapterLoader.WEIGHTS)).tensors().values()
                    .iterator().next().dtype());
            try (LoadedAdapter adapter = PeftAdapterLoader.load(half, llama.model(), manager, DataType.FLOAT32)) {
                Map<String, Parameter> loaded = Lora.trainableParameters(llama.model());
                tensors.forEach((n, t) -> assertArrayEquals(t.toType(DataType.FLOAT32, true).toFloatArray(),
                        loaded.get(n.substring(PeftAdapterLoader.PREFIX.length())).getArray().toFloatArray(), n));
            }
        }
    }

    /**
     * BF16 written by hand (DJL's PyTorch engine cannot hold bfloat16 on the CPU: it aborts the JVM), each value
     * the fixture's float32 with its low 16 bits cut, so widening must give exactly that float.
     */
    @Test
    void bf16AdaptersAreWidenedExactly() throws IOException {
        try (NDManager manager = NDManager.newBaseManager("PyTorch"); LoadedLlama llama = base(manager)) {
            Map<String, float[]> expected = new java.util.TreeMap<>();
            Map<String, Shape> shapes = new java.util.TreeMap<>();
            LoraFixtures.tensors(manager).forEach((n, t) -> {
                float[] v = t.toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] = Float.intBitsToFloat(Float.floatToRawIntBits(v[i]) & 0xffff0000);
                }
                expected.put(n, v);
                shapes.put(n, t.getShape());
            });
            Path dirBf16 = Files.createDirectories(dir.resolve("bf16"));
            Files.copy(LoraFixtures.tinyLora().resolve(PeftAdapterLoader.CONFIG),
                    dirBf16.resolve(PeftAdapterLoader.CONFIG));
            writeBf16(dirBf16.resolve(PeftAdapterLoader.WEIGHTS), expected, shapes);
            try (LoadedAdapter adapter = PeftAdapterLoader.load(dirBf16, llama.model(), manager, DataType.FLOAT32)) {
                Map<String, Parameter> loaded = Lora.trainableParameters(llama.model());
                expected.forEach((n, v) -> assertArrayEquals(v,
                        loaded.get(n.substring(PeftAdapterLoader.PREFIX.length())).getArray().toFloatArray(), n));
            }
        }
    }

    private static void writeBf16(Path file, Map<String, float[]> values, Map<String, Shape> shapes)
            throws IOException {
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (Map.Entry<String, float[]> e : values.entrySet()) {
            long bytes = 2L * e.getValue().length;
            header.append(offset == 0 ? "" : ",").append('"').append(e.getKey()).append("\":{\"dtype\":\"BF16\",")
                    .append("\"shape\":[").append(shapes.get(e.getKey()).get(0)).append(',')
                    .append(shapes.get(e.getKey()).get(1)).append("],\"data_offsets\":[").append(offset).append(',')
                    .append(offset + bytes).append("]}");
            offset += bytes;
        }
        byte[] text = header.append('}').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(8 + text.length + (int) offset)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.putLong(text.length).put(text);
        values.values().forEach(v -> {
            for (float f : v) {
                out.putShort((short) (Float.floatToRawIntBits(f) >>> 16));
            }
        });
        Files.write(file, out.array());
    }

    @Test
    void theFixtureSavedAgainIsTheSameFile() throws IOException {
        Path saved = dir.resolve("again");
        try (NDManager manager = NDManager.newBaseManager("PyTorch"); LoadedLlama llama = base(manager);
             LoadedAdapter adapter = PeftAdapterLoader.load(LoraFixtures.tinyLora(), llama.model(), manager,
                     DataType.FLOAT32)) {
            PeftAdapterWriter.save(saved, llama.model(), adapter.config());
        }
        // the same bytes as the Python reference's writer (names sorted, F32, the same compact header)
        assertArrayEquals(Files.readAllBytes(LoraFixtures.tinyLora().resolve(PeftAdapterLoader.WEIGHTS)),
                Files.readAllBytes(saved.resolve(PeftAdapterLoader.WEIGHTS)));
    }

    @Test
    void parametersAreNamedAsPeftsKeys() {
        LlamaForCausalLM model = new LlamaForCausalLM(LlmFixtures.tinyConfig());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Lora.attach(model, LoraConfig.of(2, 4, 0, List.of("q_proj")), manager, DataType.FLOAT32);
        }
        assertEquals(List.of("model.layers.0.self_attn.q_proj.lora_A.weight",
                        "model.layers.0.self_attn.q_proj.lora_B.weight",
                        "model.layers.1.self_attn.q_proj.lora_A.weight",
                        "model.layers.1.self_attn.q_proj.lora_B.weight"),
                List.copyOf(Lora.trainableParameters(model).keySet()));
    }

    private static List<String> names(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
