package org.omnisila.engine.llm.tuning;

import org.omnisila.engine.llm.text.VicunaTemplate;
import org.omnisila.engine.video.SyntheticVideo;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny annotation export made in a test: synthetic clips (JavaCV) and {@code train.json} / {@code test.json} of
 * both stages in the exporter's one-entry-per-line format (docs/formats.md), plus a cheap deterministic
 * {@link SceneSource} standing in for the four bundled extractors.
 */
final class TinyExport {
    /** A short system prompt: the tiny decoder has 256 positions, 40 of them taken by the 8 x 5 frame embeddings. */
    static final VicunaTemplate TEMPLATE = new VicunaTemplate("Chat.", 8);
    static final List<Integer> WIDTHS = List.of(6, 5, 4, 3);

    private TinyExport() {
    }

    static Path model() {
        try {
            return Path.of(TinyExport.class.getResource("/llm/tiny-video-llava").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String entry(String id, String video, String question, String answer) {
        return "{\"id\":\"" + id + "\",\"video\":\"" + video + "\",\"conversations\":[{\"from\":\"human\",\"value\":"
                + "\"<video>\\n" + question + "\"},{\"from\":\"gpt\",\"value\":\"" + answer + "\"}],\"item\":1,"
                + "\"window\":[0.0,1.0]}";
    }

    private static Path shared;

    /**
     * One export for the test classes that only read it, written once per test JVM into a temporary folder that is
     * deleted when the JVM exits.
     */
    static synchronized Path shared() throws Exception {
        if (shared == null) {
            Path dir = Files.createTempDirectory("omnisila-tiny-export");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            shared = write(dir.resolve("export"));
        }
        return shared;
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary folder left behind: the system's cleaner takes it
        }
    }

    /** Writes the export: 3 clips; stage 1 has 3 train entries and 1 test entry, stage 2 likewise. */
    static Path write(Path export) throws Exception {
        Path media = Files.createDirectories(export.resolve("media"));
        for (int i = 1; i <= 3; i++) {
            SyntheticVideo.mp4(32, 24, 10, 10 + 2 * i).texture(i % 2 == 0).write(media.resolve("item-" + i + ".mp4"));
        }
        String[][] scene = {{"Describe the face.", "A smile."}, {"Describe the action.", "He runs."},
            {"Describe the background.", "A street."}};
        String[][] omni = {{"Identify.", "Joy."}, {"Locate.", "0 to 1 s."}, {"Attribute.", "The smile."}};
        write(export.resolve("scene-tuning"), "face", scene);
        write(export.resolve("omnisila-tuning"), "identify", omni);
        return export;
    }

    private static void write(Path folder, String kind, String[][] qa) throws Exception {
        Files.createDirectories(folder);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < qa.length; i++) {
            lines.add(entry("item-" + (i + 1) + "-" + kind, "media/item-" + (i + 1) + ".mp4", qa[i][0], qa[i][1]));
        }
        Files.writeString(folder.resolve("train.json"), "[\n" + String.join(",\n", lines) + "\n]\n");
        Files.writeString(folder.resolve("test.json"), "[\n" + entry("item-1-test", "media/item-1.mp4", qa[0][0],
                qa[1][1]) + "\n]\n");
    }

    /**
     * x_j from the frames' mean colours: value i of scene j on frame k = sin((i + 1)(j + 1) m_c + 0.3 k) with m_c
     * the frame's mean of channel i mod 3 in [0, 1]. Deterministic and different per video; not a scene model.
     */
    static SceneSource scenes() {
        return new SceneSource() {
            @Override
            public SceneInputs features(VideoFrames8 frames) {
                float[][][] values = new float[4][][];
                for (int j = 0; j < 4; j++) {
                    values[j] = new float[frames.images().size()][WIDTHS.get(j)];
                    for (int k = 0; k < frames.images().size(); k++) {
                        byte[] rgb = frames.images().get(k).rgb();
                        double[] mean = new double[3];
                        for (int p = 0; p < rgb.length; p++) {
                            mean[p % 3] += (rgb[p] & 0xff) / 255.0 / (rgb.length / 3);
                        }
                        for (int i = 0; i < WIDTHS.get(j); i++) {
                            values[j][k][i] = (float) Math.sin((i + 1) * (j + 1) * mean[i % 3] + 0.3 * k);
                        }
                    }
                }
                return new SceneInputs(values, List.of(org.omnisila.engine.api.Scene.values()));
            }

            @Override
            public List<Integer> widths() {
                return WIDTHS;
            }
        };
    }
}
