package org.omnisila.app.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentVideosTest {
    @TempDir
    Path dir;

    private Path video(String name) throws Exception {
        Path v = dir.resolve(name);
        Files.writeString(v, "x");
        return v;
    }

    @Test
    void mostRecentFirstOnceEachAtMostTenAndKeptInTheFile() throws Exception {
        Path file = dir.resolve("settings").resolve(RecentVideos.FILE);
        RecentVideos recent = new RecentVideos(file);
        assertEquals(List.of(), recent.list(), "no file yet");
        List<Path> opened = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            opened.add(video("v" + i + ".mp4"));
            recent.add(opened.get(i));
        }
        recent.add(opened.get(5));
        List<Path> expected = new ArrayList<>(List.of(opened.get(5)));
        for (int i = 11; i >= 2; i--) { // v0 and v1 fell off when v10 and v11 came
            if (i != 5) {
                expected.add(opened.get(i));
            }
        }
        assertEquals(expected, recent.list());
        assertEquals(expected, new RecentVideos(file).list(), "read back from the file");
    }

    @Test
    void goneFilesAndLinesThatAreNotPathsAreLeftOut() throws Exception {
        Path file = dir.resolve(RecentVideos.FILE);
        Path kept = video("kept.mp4");
        Files.writeString(file, dir.resolve("gone.mp4") + "\n\n" + "bad\u0000path\n" + kept + "\n");
        assertEquals(List.of(kept), new RecentVideos(file).list());
    }
}
