package org.omnisila.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneDatasetTest {
    @TempDir
    Path dir;

    @Test
    void generatorIsDeterministicAndFollowsItsRules() {
        SceneDataset a = SyntheticScenes.generate(SyntheticScenes.defaults(300, 7));
        SceneDataset b = SyntheticScenes.generate(SyntheticScenes.defaults(300, 7));
        SceneDataset c = SyntheticScenes.generate(SyntheticScenes.defaults(300, 8));
        assertEquals(a, b);
        assertNotEquals(a, c);

        int noEvent = 0;
        for (SceneVideo v : a.videos()) {
            assertTrue(Set.of("train", "test").contains(v.subset()));
            assertEquals(v.segments().size() * 2.0, v.duration(), 1e-9);
            if (v.events().isEmpty()) {
                noEvent++;
                assertTrue(v.segments().stream().allMatch(s -> s.label().equals("Normal")), v.id());
            } else {
                String label = v.events().get(0).label();
                assertNotEquals("Normal", label);
                assertTrue(v.segments().stream().anyMatch(s -> s.label().equals(label)), v.id());
                assertTrue(v.segments().stream().allMatch(s -> s.label().equals(label) || s.label().equals("Normal")));
            }
            for (SceneSegment s : v.segments()) {
                assertEquals(8 * 64, s.features()[0].length);
                assertEquals(8 * 96, s.features()[1].length);
                assertEquals(8 * 48, s.features()[2].length);
                assertEquals(8 * 32, s.features()[3].length);
            }
        }
        // noEventRate 0.2 of 300 videos: 60 expected, binomial sd = sqrt(300 * 0.2 * 0.8) = 6.9; allow 4 sd.
        assertTrue(Math.abs(noEvent - 60) < 28, "videos without event: " + noEvent);
    }

    @Test
    void roundTripThroughFiles() throws Exception {
        SceneDataset data = SyntheticScenes.generate(SyntheticScenes.defaults(12, 3));
        SceneDatasetFiles.write(data, dir);
        assertEquals(data, SceneDatasetFiles.read(dir));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left");
        }
    }

    @Test
    void damagedFilesAreNamed() throws Exception {
        SceneDatasetFiles.write(SyntheticScenes.generate(SyntheticScenes.defaults(3, 3)), dir);
        Path features = dir.resolve(SceneDatasetFiles.FEATURES);
        try (RandomAccessFile f = new RandomAccessFile(features.toFile(), "rw")) {
            f.seek(100);
            f.write(f.read() ^ 0xff);
        }
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> SceneDatasetFiles.read(dir));
        assertTrue(e.getMessage().startsWith(features + ": sha256 is "), e.getMessage());

        try (RandomAccessFile f = new RandomAccessFile(features.toFile(), "rw")) {
            f.setLength(f.length() - 4);
        }
        e = assertThrows(DatasetFormatException.class, () -> SceneDatasetFiles.read(dir));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        Path index = dir.resolve(SceneDatasetFiles.INDEX);
        Files.writeString(index, Files.readString(index).replace("\"version\" : 1", "\"version\" : 2"));
        e = assertThrows(DatasetFormatException.class, () -> SceneDatasetFiles.read(dir));
        assertTrue(e.getMessage().contains("field version is 2") && e.getMessage().contains("newer"), e.getMessage());

        e = assertThrows(DatasetFormatException.class, () -> SceneDatasetFiles.read(dir.resolve("nowhere")));
        assertTrue(e.getMessage().contains("omnisila synth"), e.getMessage());
    }
}
