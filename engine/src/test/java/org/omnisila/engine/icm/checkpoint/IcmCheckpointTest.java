package org.omnisila.engine.icm.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.icm.CausalDictionary;
import org.omnisila.engine.icm.IcmConfig;
import org.omnisila.engine.icm.KMeans;
import org.omnisila.engine.models.Sha256;

/** Save/load round trips of a small real block, and every refusal with its message. */
class IcmCheckpointTest {

    private static final Shape INPUT = new Shape(2, 5);
    private static final IcmConfig CONFIG = IcmConfig.small();
    private static final Map<String, String> NOTES = notes();

    @TempDir
    Path dir;

    @Test
    void roundTripGivesIdenticalOutputsAndKeepsNotesAndDictionary() {
        CausalDictionary dictionary = dictionary();
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            NDArray input = input(manager);
            Block saved = block(manager, 31, 3);
            float[] before = forward(manager, saved, input);
            CheckpointManifest manifest = IcmCheckpoint.save(dir, CONFIG, saved, dictionary, NOTES);

            Block loaded = block(manager, 32, 3);
            assertFalse(java.util.Arrays.equals(before, forward(manager, loaded, input)),
                    "another seed should give another block");
            Checkpoint checkpoint = IcmCheckpoint.load(dir, CONFIG, loaded);
            assertArrayEquals(before, forward(manager, loaded, input), 0f);

            assertEquals(CONFIG, checkpoint.config());
            assertEquals(List.copyOf(NOTES.entrySet()), List.copyOf(checkpoint.notes().entrySet()));
            assertEquals(CheckpointManifest.CREATED_BY, checkpoint.createdBy());
            assertEquals(manifest.notes(), checkpoint.notes());
            assertArrayEquals(dictionary.centres(), checkpoint.dictionary().centres());
            assertArrayEquals(dictionary.prior(), checkpoint.dictionary().prior());
            assertEquals(List.of(CheckpointManifest.CONFIG, CheckpointManifest.WEIGHTS, CheckpointManifest.DICTIONARY),
                    manifest.files().stream().map(CheckpointManifest.FileEntry::name).toList());
        }
    }

    @Test
    void weightsAreStoredUnderTheFullParameterNames() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            Block block = block(manager, 33, 3);
            IcmCheckpoint.save(dir, CONFIG, block, null, Map.of());
            Checkpoint checkpoint = IcmCheckpoint.read(dir);
            // DJL's safetensors encoder may reorder the arrays: compare the names as sets
            assertEquals(Set.copyOf(block.getParameters().keys()), checkpoint.weights().keySet());
            assertEquals(6, checkpoint.weights().size());
            String first = block.getParameters().keys().get(0);
            assertArrayEquals(block.getParameters().get(first).getArray().toFloatArray(),
                    checkpoint.weights().get(first).values(), 0f);
            assertNull(checkpoint.dictionary());
            assertFalse(Files.exists(dir.resolve(CheckpointManifest.DICTIONARY)));
            assertEquals(Sha256.of(dir.resolve(CheckpointManifest.MANIFEST)), checkpoint.sha256());
            // config.json holds the config on its own
            assertEquals(CONFIG, new ObjectMapper().readValue(dir.resolve(CheckpointManifest.CONFIG).toFile(),
                    IcmConfig.class));
        }
    }

    @Test
    void saveLeavesNoTemporaryFilesAndReplacesAnEarlierCheckpoint() throws IOException {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            IcmCheckpoint.save(dir, CONFIG, block(manager, 34, 3), dictionary(), NOTES);
            assertEquals(List.of(CheckpointManifest.MANIFEST, CheckpointManifest.CONFIG,
                    CheckpointManifest.DICTIONARY, CheckpointManifest.WEIGHTS), files(dir));
            Block second = block(manager, 35, 3);
            IcmCheckpoint.save(dir, CONFIG, second, null, Map.of());
            // the dictionary of the first save is gone with it
            assertEquals(List.of(CheckpointManifest.MANIFEST, CheckpointManifest.CONFIG, CheckpointManifest.WEIGHTS),
                    files(dir));
            String first = second.getParameters().keys().get(0);
            assertArrayEquals(second.getParameters().get(first).getArray().toFloatArray(),
                    IcmCheckpoint.read(dir).weights().get(first).values(), 0f);
        }
    }

    @Test
    void truncatedWeightsAreNamedWithBothSizes() throws IOException {
        saveSmall();
        Path weights = dir.resolve(CheckpointManifest.WEIGHTS);
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        CheckpointException e = assertThrows(CheckpointException.class, () -> IcmCheckpoint.read(dir));
        String expected = String.format(Locale.ROOT, "weights.safetensors: %,d bytes, checkpoint.json records %,d "
                + "(truncated?)", bytes.length - 100, bytes.length);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aFlippedByteIsASha256Mismatch() throws IOException {
        saveSmall();
        Path weights = dir.resolve(CheckpointManifest.WEIGHTS);
        String recorded = Sha256.of(weights);
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 3] ^= 0x01;
        Files.write(weights, bytes);
        CheckpointException e = assertThrows(CheckpointException.class, () -> IcmCheckpoint.read(dir));
        assertTrue(e.getMessage().startsWith("weights.safetensors: sha256 is " + Sha256.of(weights) + ", expected "
                + recorded), e.getMessage());
    }

    @Test
    void aDamagedDictionaryIsCaughtToo() throws IOException {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            IcmCheckpoint.save(dir, CONFIG, block(manager, 36, 3), dictionary(), NOTES);
        }
        Files.delete(dir.resolve(CheckpointManifest.DICTIONARY));
        CheckpointException e = assertThrows(CheckpointException.class, () -> IcmCheckpoint.read(dir));
        assertTrue(e.getMessage().startsWith("dictionary.safetensors: not found"), e.getMessage());
    }

    @Test
    void anotherHiddenWidthIsNamedWithBothValues() {
        IcmConfig narrow = new IcmConfig(CONFIG.version(), CONFIG.name(), CONFIG.sceneWidths(), CONFIG.frames(), 32,
                CONFIG.expertLayers(), CONFIG.heads(), CONFIG.dictionarySize(), CONFIG.temporalLayers(),
                CONFIG.dropout(), CONFIG.alpha(), CONFIG.beta(), CONFIG.labels());
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            IcmCheckpoint.save(dir, CONFIG, block(manager, 37, 3), null, NOTES);
            Block target = block(manager, 38, 3);
            float[] untouched = target.getParameters().get(0).getValue().getArray().toFloatArray();
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> IcmCheckpoint.load(dir, narrow, target));
            assertTrue(e.getMessage().contains("config differs: hidden 64 in the checkpoint, 32 expected"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("expertLayers"), e.getMessage());
            assertArrayEquals(untouched, target.getParameters().get(0).getValue().getArray().toFloatArray(), 0f);
        }
    }

    @Test
    void missingAndUnexpectedParameterNamesAreListed() {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            Block saved = block(manager, 39, 3);
            IcmCheckpoint.save(dir, CONFIG, saved, null, NOTES);
            Block longer = new SequentialBlock().add(saved.getChildren().get(0).getValue())
                    .add(saved.getChildren().get(1).getValue()).add(saved.getChildren().get(2).getValue())
                    .add(Linear.builder().setUnits(3).build());
            longer.initialize(manager, DataType.FLOAT32, INPUT);
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> IcmCheckpoint.load(dir, CONFIG, longer));
            assertTrue(e.getMessage().contains("missing from the checkpoint: [04Linear_bias, 04Linear_weight]"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("not in the block"), e.getMessage());

            Block shorter = new SequentialBlock().add(Linear.builder().setUnits(8).build());
            shorter.initialize(manager, DataType.FLOAT32, INPUT);
            CheckpointException e2 = assertThrows(CheckpointException.class,
                    () -> IcmCheckpoint.load(dir, CONFIG, shorter));
            assertTrue(e2.getMessage().contains("in the checkpoint but not in the block: [02LayerNorm_beta, "
                    + "02LayerNorm_gamma, 03Linear_bias, 03Linear_weight]"), e2.getMessage());
            assertFalse(e2.getMessage().contains("missing from"), e2.getMessage());
        }
    }

    @Test
    void anotherShapeIsNamedWithBothShapes() {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            IcmCheckpoint.save(dir, CONFIG, block(manager, 40, 3), null, NOTES);
            Block wider = block(manager, 41, 4);
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> IcmCheckpoint.load(dir, CONFIG, wider));
            assertTrue(e.getMessage().contains("03Linear_weight stored (3, 8), block expects (4, 8); "
                    + "03Linear_bias stored (3), block expects (4)"),
                    e.getMessage());
        }
    }

    @Test
    void anUninitialisedBlockIsRefused() {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            IcmCheckpoint.save(dir, CONFIG, block(manager, 42, 3), null, NOTES);
        }
        Block fresh = structure(3);
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> IcmCheckpoint.load(dir, CONFIG, fresh));
        assertTrue(e.getMessage().contains("01Linear_weight is not initialised"), e.getMessage());
    }

    @Test
    void aDirectoryWithoutManifestIsNotACheckpoint() throws IOException {
        saveSmall();
        Files.delete(dir.resolve(CheckpointManifest.MANIFEST));
        CheckpointException e = assertThrows(CheckpointException.class, () -> IcmCheckpoint.read(dir));
        assertTrue(e.getMessage().startsWith(dir + " is not an Omni-SILA checkpoint: it has no checkpoint.json"),
                e.getMessage());
    }

    @Test
    void aNewerVersionSaysSo() throws IOException {
        saveSmall();
        Path manifest = dir.resolve(CheckpointManifest.MANIFEST);
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(manifest.toFile());
        ((ObjectNode) root).put("version", 2);
        json.writeValue(manifest.toFile(), root);
        CheckpointException e = assertThrows(CheckpointException.class, () -> IcmCheckpoint.read(dir));
        assertTrue(e.getMessage().contains("checkpoint version 2 is newer than this build reads (1)"),
                e.getMessage());
    }

    @Test
    void anotherFormatIsRefused() throws IOException {
        saveSmall();
        Path manifest = dir.resolve(CheckpointManifest.MANIFEST);
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(manifest.toFile());
        ((ObjectNode) root).put("format", "omnisila-scene-features");
        json.writeValue(manifest.toFile(), root);
        CheckpointException e = assertThrows(CheckpointException.class, () -> IcmCheckpoint.read(dir));
        assertTrue(e.getMessage().contains("field format is \"omnisila-scene-features\", expected "
                + "\"omnisila-icm-checkpoint\""), e.getMessage());
    }

    private void saveSmall() {
        try (NDManager manager = NDManager.newBaseManager(null, "PyTorch")) {
            IcmCheckpoint.save(dir, CONFIG, block(manager, 30, 3), null, NOTES);
        }
        assertNotNull(IcmCheckpoint.read(dir));
    }

    /** Linear(8), LayerNorm, Linear(outputs) on [2, 5] inputs. */
    private static Block structure(int outputs) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(8).build())
                .add(LayerNorm.builder().build())
                .add(Linear.builder().setUnits(outputs).build());
    }

    private static Block block(NDManager manager, int seed, int outputs) {
        manager.getEngine().setRandomSeed(seed);
        Block block = structure(outputs);
        block.initialize(manager, DataType.FLOAT32, INPUT);
        // LayerNorm starts at gamma 1, beta 0 whatever the seed: give it values of its own so they are checked
        Random random = new Random(seed);
        for (var p : block.getParameters()) {
            if (p.getKey().startsWith("02")) {
                NDArray array = p.getValue().getArray();
                float[] values = new float[Math.toIntExact(array.size())];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextGaussian();
                }
                array.set(java.nio.FloatBuffer.wrap(values));
            }
        }
        return block;
    }

    private static NDArray input(NDManager manager) {
        Random random = new Random(7);
        float[] values = new float[Math.toIntExact(INPUT.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, INPUT);
    }

    /** A fresh ParameterStore each time: a store caches the arrays it has handed out. */
    private static float[] forward(NDManager manager, Block block, NDArray input) {
        return block.forward(new ParameterStore(manager, false), new NDList(input), false).singletonOrThrow()
                .toFloatArray();
    }

    private static CausalDictionary dictionary() {
        Random random = new Random(5);
        float[][] points = new float[12][6];
        for (float[] p : points) {
            for (int j = 0; j < p.length; j++) {
                p[j] = (float) random.nextGaussian();
            }
        }
        return CausalDictionary.build(points, KMeans.builder().optClusters(3).build());
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Map<String, String> notes() {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("dataset", "tsl-300-synthetic");
        notes.put("epochs", "3");
        notes.put("alpha", "first");
        return notes;
    }
}
