package org.omnisila.engine.llm.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.icm.checkpoint.CheckpointException;
import org.omnisila.engine.llm.LlmFixtures;
import org.omnisila.engine.llm.Precision;

/** Loading Hugging Face folders: single file = shards, the names 1:1, and every refusal with its message. */
class LlamaLoaderTest {
    private static final long[] TOKENS = {1, 17, 42, 5, 99, 3};
    private static final LlamaLoader.Settings CPU = LlamaLoader.Settings.cpuDefaults();

    @Test
    void parameterNamesAreTheCheckpointsKeysOneToOne() {
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             LoadedLlama llama = LlamaLoader.load(LlmFixtures.tinyLlama(), m, CPU)) {
            assertEquals(LlmTestFolders.tensors(m).keySet(), HfParameterNames.of(llama.model()).keySet());
            assertEquals(List.of(), llama.ignored());
            assertEquals("", llama.prefix());
        }
    }

    @Test
    void shardedLoadingEqualsSingleFileLoading(@TempDir Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Path sharded = LlmTestFolders.sharded(dir.resolve("sharded"), LlmTestFolders.tensors(m));
            assertEquals(2, HfModelFolder.open(sharded).weightFiles().size());
            assertArrayEquals(logits(m, LlmFixtures.tinyLlama()), logits(m, sharded), 0f);
        }
    }

    @Test
    void aMissingTensorIsNamedWithItsFileAndShape(@TempDir Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Map<String, NDArray> tensors = LlmTestFolders.tensors(m);
            tensors.remove("model.layers.1.mlp.up_proj.weight");
            Path folder = LlmTestFolders.single(dir, tensors);
            CheckpointException e = assertThrows(CheckpointException.class, () -> LlamaLoader.load(folder, m, CPU));
            assertTrue(e.getMessage().contains("tensor model.layers.1.mlp.up_proj.weight (expected (128, 64)) is "
                    + "missing from [model.safetensors]"), e.getMessage());
        }
    }

    @Test
    void aMisShapedTensorIsNamedWithBothShapes(@TempDir Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Map<String, NDArray> tensors = LlmTestFolders.tensors(m);
            tensors.put("model.layers.0.self_attn.k_proj.weight", m.zeros(new Shape(64, 64)));
            tensors.put("model.norm.weight", m.zeros(new Shape(65)));
            Path folder = LlmTestFolders.sharded(dir, tensors);
            CheckpointException e = assertThrows(CheckpointException.class, () -> LlamaLoader.load(folder, m, CPU));
            assertTrue(e.getMessage().contains("2 problem(s)"), e.getMessage());
            assertTrue(e.getMessage().contains("tensor model.layers.0.self_attn.k_proj.weight in "
                    + "model-00001-of-00002.safetensors has shape (64, 64), the config expects (32, 64)"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("tensor model.norm.weight in model-00002-of-00002.safetensors has "
                    + "shape (65), the config expects (64)"), e.getMessage());
        }
    }

    @Test
    void aTruncatedShardIsNamedWithTheTensorItCuts(@TempDir Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Path folder = LlmTestFolders.sharded(dir, LlmTestFolders.tensors(m));
            Path shard = folder.resolve("model-00002-of-00002.safetensors");
            try (FileChannel channel = FileChannel.open(shard, StandardOpenOption.WRITE)) {
                channel.truncate(channel.size() - 100);
            }
            CheckpointException e = assertThrows(CheckpointException.class, () -> LlamaLoader.load(folder, m, CPU));
            assertTrue(e.getMessage().startsWith(shard + ": tensor "), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            Files.write(shard, new byte[] {1, 2, 3});
            e = assertThrows(CheckpointException.class, () -> LlamaLoader.load(folder, m, CPU));
            assertTrue(e.getMessage().contains(shard + ": ends after 3 bytes"), e.getMessage());
        }
    }

    @Test
    void missingFilesAreExplained(@TempDir Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Path folder = LlmTestFolders.sharded(dir.resolve("a"), LlmTestFolders.tensors(m));
            Files.delete(folder.resolve("model-00002-of-00002.safetensors"));
            CheckpointException e = assertThrows(CheckpointException.class, () -> LlamaLoader.load(folder, m, CPU));
            assertTrue(e.getMessage().contains("maps 12 tensors to model-00002-of-00002.safetensors, which is "
                    + "missing"), e.getMessage());

            Path bin = Files.createDirectories(dir.resolve("b"));
            Files.copy(LlmFixtures.tinyLlama().resolve("config.json"), bin.resolve("config.json"));
            Files.write(bin.resolve("pytorch_model.bin"), new byte[] {0});
            e = assertThrows(CheckpointException.class, () -> LlamaLoader.load(bin, m, CPU));
            assertTrue(e.getMessage().contains("PyTorch .bin weights"), e.getMessage());
            e = assertThrows(CheckpointException.class, () -> LlamaLoader.load(dir.resolve("c"), m, CPU));
            assertTrue(e.getMessage().contains("is not a folder"), e.getMessage());
        }
    }

    @Test
    void aModelThatDoesNotFitIsRefusedBeforeLoading() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> LlamaLoader.load(LlmFixtures.tinyLlama(), m, CPU.withMemoryBudget(100_000)));
            assertTrue(e.getMessage().startsWith("not enough memory for this model: it needs "), e.getMessage());
            assertTrue(e.getMessage().contains("0.09 M parameters") || e.getMessage().contains("parameters in fp32"),
                    e.getMessage());
            IllegalArgumentException half = assertThrows(IllegalArgumentException.class, () -> LlamaLoader.load(
                    LlmFixtures.tinyLlama(), m, new LlamaLoader.Settings(Precision.BF16, 0, 1, -1)));
            assertTrue(half.getMessage().contains("bf16 is for CUDA"), half.getMessage());
        }
    }

    @Test
    void aNestedDecoderIsFoundAndForeignTensorsAreSkipped(@TempDir Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Map<String, NDArray> nested = new LinkedHashMap<>();
            LlmTestFolders.tensors(m).forEach((n, a) -> nested.put("language_model." + n, a));
            nested.put("multi_modal_projector.linear_1.weight", m.zeros(new Shape(4, 4)));
            Path folder = LlmTestFolders.single(dir, nested);
            try (LoadedLlama llama = LlamaLoader.load(folder, m, CPU)) {
                assertEquals("language_model.", llama.prefix());
                assertEquals(List.of("multi_modal_projector.linear_1.weight"), llama.ignored());
            }
            assertArrayEquals(logits(m, LlmFixtures.tinyLlama()), logits(m, folder), 0f);
        }
    }

    @Test
    void halfPrecisionTensorsAreWidenedExactly(@TempDir Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Map<String, NDArray> half = new LinkedHashMap<>();
            LlmTestFolders.tensors(m).forEach((n, a) -> half.put(n, a.toType(DataType.FLOAT16, false)));
            Path folder = LlmTestFolders.single(dir, half);
            assertEquals("F16", SafetensorsFile.open(folder.resolve(HfModelFolder.SINGLE)).tensors()
                    .get("lm_head.weight").dtype());
            try (LoadedLlama llama = LlamaLoader.load(folder, m, CPU)) {
                NDArray loaded = HfParameterNames.of(llama.model()).get("lm_head.weight").getArray();
                assertEquals(DataType.FLOAT32, loaded.getDataType());
                assertArrayEquals(half.get("lm_head.weight").toType(DataType.FLOAT32, false).toFloatArray(),
                        loaded.toFloatArray(), 0f);
            }
        }
    }

    private static float[] logits(NDManager m, Path folder) {
        try (LoadedLlama llama = LlamaLoader.load(folder, m, CPU)) {
            NDArray ids = m.create(TOKENS, new Shape(1, TOKENS.length));
            return llama.model().forward(new ParameterStore(m, false), new NDList(ids), false).head()
                    .toFloatArray();
        }
    }
}
