package org.omnisila.engine.llm.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.llm.Generation;
import org.omnisila.engine.llm.GenerationSettings;
import org.omnisila.engine.llm.hf.LlamaLoader;
import org.omnisila.engine.llm.hf.LoadedVideoLlava;
import org.omnisila.engine.llm.hf.VideoLlavaLoader;
import org.omnisila.engine.llm.text.PromptTokens;

/**
 * The tiny Video-LLaVA of video_llava_reference.py against PyTorch: the video tokens, the multimodal sequence's
 * logits for NONE, ADD, APPEND and ADD with labels, and greedy continuations (cache and no cache) from embeddings.
 */
class VideoLlavaReferenceTest {
    static final float TOLERANCE = 1e-4f;

    static NDManager manager;
    static LoadedVideoLlava loaded;
    static JsonNode expected;
    static NDArray pixels;
    static NDArray scene;

    static Path folder() {
        try {
            return Path.of(VideoLlavaReferenceTest.class.getResource("/llm/tiny-video-llava").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void load() throws IOException {
        manager = NDManager.newBaseManager("PyTorch");
        loaded = VideoLlavaLoader.load(folder(), null, manager, LlamaLoader.Settings.cpuDefaults());
        expected = new ObjectMapper().readTree(folder().resolve("expected.json").toFile());
        byte[] frames = Files.readAllBytes(folder().resolve("frames.bin"));
        float[] p = new float[frames.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (frames[i] & 0xff) / 64f - 2f;
        }
        pixels = manager.create(p, new Shape(8, 3, 28, 28));
        scene = manager.create(floats(expected.get("sceneTokens")), new Shape(1, 8, 32));
    }

    @AfterAll
    static void close() {
        loaded.close();
        manager.close();
    }

    static VideoLlava model(FusionMode mode) {
        return VideoLlava.of(loaded, null, mode);
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    static int[] ints(JsonNode array) {
        return Arrays.stream(longs(array)).mapToInt(Math::toIntExact).toArray();
    }

    static PromptTokens prompt() {
        PromptTokens p = new PromptTokens(longs(expected.get("ids")), ints(expected.get("imagePositions")));
        assertArrayEquals(p.imagePositions(), MultimodalSequence.placeholderPositions(p.ids(), 416));
        return p;
    }

    static float maxDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void loadsTheLlavaLayout() {
        assertEquals(VideoLlavaLoader.Layout.LLAVA, loaded.layout());
        assertEquals("model.video_tower.video_tower.", loaded.tower().prefix());
        assertTrue(loaded.estimate().parameters() > org.omnisila.engine.llm.MemoryEstimate.parameters(
                loaded.decoder().config()), "the estimate counts tower and projector");
    }

    @Test
    void videoTokensMatchPyTorch() {
        try (NDManager work = manager.newSubManager()) {
            NDArray tokens = model(FusionMode.NONE).videoTokens(new ParameterStore(work, false), pixels, false);
            assertEquals(new Shape(8, 5, 32), tokens.getShape());
            float diff = maxDiff(floats(expected.get("videoTokens")), tokens.toFloatArray());
            System.out.println("video tokens max diff " + diff);
            assertTrue(diff < TOLERANCE, "max diff " + diff);
        }
    }

    @Test
    void logitsMatchPyTorchInEveryMode() {
        for (String name : List.of("NONE", "ADD", "APPEND", "ADD_LABELLED")) {
            JsonNode c = expected.get("cases").get(name);
            FusionMode mode = FusionMode.valueOf(name.split("_")[0]);
            PromptTokens p = prompt();
            long[] ids = p.ids();
            List<long[]> labels = null;
            if (name.endsWith("LABELLED")) {
                long[] answer = longs(expected.get("answer"));
                long[] l = new long[ids.length + answer.length];
                Arrays.fill(l, MultimodalSequence.IGNORE_INDEX);
                System.arraycopy(answer, 0, l, ids.length, answer.length);
                ids = Arrays.copyOf(ids, l.length);
                System.arraycopy(answer, 0, ids, p.ids().length, answer.length);
                labels = List.of(l);
            }
            try (NDManager work = manager.newSubManager()) {
                ParameterStore ps = new ParameterStore(work, false);
                VideoLlava model = model(mode);
                MultimodalBatch batch = MultimodalSequence.batch(model.sequences(ps, List.of(ids), labels,
                        List.of(p.imagePositions()), List.of(pixels), mode == FusionMode.NONE ? null : scene, false));
                int length = c.get("length").asInt();
                assertEquals(length, batch.lengths()[0], name);
                NDArray logits = model.decoder().logitsFromEmbeddings(ps, batch.embeddings(), batch.padding(), null,
                        false, false).squeeze(0); // [L, V]
                float first = maxDiff(floats(c.get("firstColumns")), logits.get(":, :4").toFloatArray());
                float last = maxDiff(floats(c.get("lastRows")), logits.get("-2:, :").toFloatArray());
                System.out.printf("%s: length %d, max diff logits[:, :4] %.3g, last two rows %.3g%n", name, length,
                        first, last);
                assertTrue(first < TOLERANCE && last < TOLERANCE, name + ": max diffs " + first + ", " + last);
                long[] expandedLabels = batch.labels().toLongArray();
                long supervised = Arrays.stream(expandedLabels).filter(v -> v != MultimodalSequence.IGNORE_INDEX)
                        .count();
                assertEquals(labels == null ? 0 : expected.get("answer").size(), supervised, name);
            }
        }
    }

    @Test
    void greedyContinuationsMatchPyTorchWithAndWithoutCache() {
        for (String name : List.of("NONE", "ADD", "APPEND")) {
            FusionMode mode = FusionMode.valueOf(name);
            long[] want = longs(expected.get("cases").get(name).get("greedy"));
            NDArray sceneTokens = mode == FusionMode.NONE ? null : scene;
            for (GenerationSettings s : List.of(GenerationSettings.greedy(want.length),
                    GenerationSettings.greedy(want.length).withoutCache())) {
                Generation g = model(mode).generateWithSceneTokens(List.of(prompt()), List.of(pixels), sceneTokens,
                        s);
                assertArrayEquals(want, g.tokens().get(0), name + (s.useCache() ? " cached" : " uncached"));
            }
        }
    }

    @Test
    void batchedPromptsOfDifferentLengthsGiveTheirOwnAnswers() {
        PromptTokens full = prompt();
        int cut = 30; // drop tokens 1 ... 29 of the system prompt: a shorter prompt with the same 8 placeholders
        long[] ids = new long[full.ids().length - cut + 1];
        ids[0] = full.ids()[0];
        System.arraycopy(full.ids(), cut, ids, 1, ids.length - 1);
        PromptTokens shorter = new PromptTokens(ids,
                Arrays.stream(full.imagePositions()).map(i -> i - cut + 1).toArray());
        NDArray scenes = scene.concat(scene.mul(-1), 0); // [2, 8, d]
        GenerationSettings s = GenerationSettings.greedy(5);
        for (FusionMode mode : FusionMode.values()) {
            NDArray sc = mode == FusionMode.NONE ? null : scenes;
            Generation both = model(mode).generateWithSceneTokens(List.of(full, shorter), List.of(pixels, pixels),
                    sc, s);
            List<long[]> alone = new ArrayList<>();
            for (int b = 0; b < 2; b++) {
                alone.add(model(mode).generateWithSceneTokens(List.of(b == 0 ? full : shorter), List.of(pixels),
                        sc == null ? null : sc.get(b + ":" + (b + 1)), s).tokens().get(0));
            }
            assertArrayEquals(alone.get(0), both.tokens().get(0), mode + " long prompt");
            assertArrayEquals(alone.get(1), both.tokens().get(1), mode + " short prompt (left-padded)");
        }
    }
}
