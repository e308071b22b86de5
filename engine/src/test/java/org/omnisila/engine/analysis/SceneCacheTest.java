package org.omnisila.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.scene.SceneFeatures;
import org.omnisila.engine.scene.SceneFeatures.SlotCue;
import org.omnisila.engine.video.Segment;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.VideoWarning;

class SceneCacheTest {
    @TempDir
    Path dir;

    private final List<String> notices = new ArrayList<>();

    @Test
    void anEntryComesBackAsItWasStored() {
        SceneCache cache = new SceneCache(dir, SceneCache.DEFAULT_LIMIT, notices::add);
        CollectedVideo video = video(3, 1f);
        cache.store("k1", video);
        CollectedVideo back = cache.load("k1").orElseThrow();

        assertEquals(video.warnings(), back.warnings());
        assertEquals(video.segments().size(), back.segments().size());
        for (int i = 0; i < video.segments().size(); i++) {
            CollectedSegment a = video.segments().get(i);
            CollectedSegment b = back.segments().get(i);
            assertEquals(a.segment(), b.segment());
            assertArrayEquals(a.frameTimes(), b.frameTimes());
            for (int j = 0; j < 4; j++) {
                assertTrue(Arrays.deepEquals(a.scenes().get(j).values(), b.scenes().get(j).values()));
                assertEquals(a.scenes().get(j).cues(), b.scenes().get(j).cues());
            }
        }
        assertTrue(cache.load("k2").isEmpty(), "another key misses");
        assertEquals(List.of(), notices);
    }

    @Test
    void aDamagedOrTruncatedEntryIsReportedDeletedAndMissed() throws IOException {
        SceneCache cache = new SceneCache(dir, SceneCache.DEFAULT_LIMIT, notices::add);
        cache.store("k", video(2, 1f));
        Path entry = only(dir);
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(entry, bytes);

        assertTrue(cache.load("k").isEmpty());
        assertFalse(Files.exists(entry), "the damaged entry is deleted");
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).contains("checksum"), notices.get(0));

        cache.store("k", video(2, 1f));
        Files.write(entry, Arrays.copyOf(bytes, bytes.length / 3));
        assertTrue(cache.load("k").isEmpty());
        assertEquals(2, notices.size());
    }

    @Test
    void aFailedWriteIsANoticeNotAnError() throws IOException {
        Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "x");
        SceneCache cache = new SceneCache(notADirectory, SceneCache.DEFAULT_LIMIT, notices::add);
        cache.store("k", video(1, 1f));
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).contains("could not save"), notices.get(0));
        assertEquals(Optional.empty(), cache.load("k"));
    }

    @Test
    void theLeastRecentlyUsedEntriesGoWhenTheFolderIsFull() throws IOException {
        SceneCache probe = new SceneCache(dir.resolve("probe"), SceneCache.DEFAULT_LIMIT, notices::add);
        probe.store("p", video(2, 1f));
        long entrySize = Files.size(only(dir.resolve("probe")));

        SceneCache cache = new SceneCache(dir.resolve("c"), entrySize * 2 + entrySize / 2, notices::add);
        cache.store("a", video(2, 1f));
        cache.store("b", video(2, 2f));
        Files.setLastModifiedTime(cache.dir().resolve("a.scenes"), FileTime.fromMillis(1_000));
        Files.setLastModifiedTime(cache.dir().resolve("b.scenes"), FileTime.fromMillis(2_000));
        cache.load("a"); // a becomes the most recently used
        cache.store("c", video(2, 3f));

        assertTrue(cache.load("a").isPresent());
        assertTrue(cache.load("b").isEmpty(), "b was used least recently");
        assertTrue(cache.load("c").isPresent());
    }

    @Test
    void theKeyChangesWithTheVideoThePlanAndTheExtractors() {
        String k = SceneCache.key("aa", SegmentPlan.DEFAULT, List.of());
        assertEquals(k, SceneCache.key("aa", SegmentPlan.DEFAULT, List.of()));
        assertNotEquals(k, SceneCache.key("ab", SegmentPlan.DEFAULT, List.of()));
        assertNotEquals(k, SceneCache.key("aa", new SegmentPlan(1.0, 8), List.of()));
    }

    private static Path only(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            List<Path> files = s.toList();
            assertEquals(1, files.size(), files.toString());
            return files.get(0);
        }
    }

    private static CollectedVideo video(int segments, float scale) {
        List<CollectedSegment> list = new ArrayList<>();
        for (int i = 0; i < segments; i++) {
            double[] times = {2 * i, 2 * i + 1};
            List<SceneFeatures> scenes = new ArrayList<>();
            for (int j = 0; j < 4; j++) {
                float[][] values = new float[2][200];
                for (int t = 0; t < 2; t++) {
                    for (int k = 0; k < values[t].length; k++) {
                        values[t][k] = scale * (i * 1000 + j * 100 + t * 10 + k) / 7f;
                    }
                }
                List<SlotCue> withBox = Arrays.asList(new SlotCue("face 1: happy 0.9", new Box(1, 2, 30, 40)), null);
                List<SlotCue> withoutBox = Arrays.asList(null, new SlotCue("background", null));
                scenes.add(new SceneFeatures(values, List.of(withBox, withoutBox)));
            }
            list.add(new CollectedSegment(new Segment(i, 2 * i, 2 * i + 2, times), new double[] {2 * i + 0.01,
                2 * i + 1.01}, scenes));
        }
        return new CollectedVideo(list, List.of(new VideoWarning(VideoWarning.Kind.GAP, 1, 2, "no frames 1-2 s")));
    }
}
