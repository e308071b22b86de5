package org.omnisila.engine.eval.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.omnisila.engine.api.LocatedSentiment;
import org.omnisila.engine.api.ResultFormatException;
import org.omnisila.engine.api.ResultJson;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.api.VideoAnalysis;
import org.omnisila.engine.eval.Diagnostics;
import org.omnisila.engine.eval.EvalInputException;
import org.omnisila.engine.eval.PredictedSegment;
import org.omnisila.engine.eval.Predictions;

/**
 * Reads predictions from any of the forms the product writes: an ActivityNet results file, one of our result
 * JSON files ({@link VideoAnalysis}), or a folder of result JSON files. A result file's video id is its video's
 * file name without the extension, as ActivityNet ids are; its located sentiments are the predicted segments.
 */
public final class PredictionFiles {
    private PredictionFiles() {
    }

    public static Predictions read(Path path, Diagnostics diagnostics) {
        if (Files.isDirectory(path)) {
            return readFolder(path, diagnostics);
        }
        if (isResultJson(path)) {
            Map<String, List<PredictedSegment>> byVideo = new LinkedHashMap<>();
            add(path, byVideo, diagnostics);
            return new Predictions(path.toString(), byVideo, Map.of());
        }
        return ActivityNetReader.readPredictions(path, diagnostics);
    }

    private static Predictions readFolder(Path dir, Diagnostics diagnostics) {
        Map<String, List<PredictedSegment>> byVideo = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new EvalInputException(dir.toString(), 0, "", "cannot list the folder: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new EvalInputException(dir.toString(), 0, "", "the folder holds no .json result file");
        }
        for (Path f : files) {
            add(f, byVideo, diagnostics);
        }
        return new Predictions(dir.toString(), byVideo, Map.of());
    }

    private static void add(Path file, Map<String, List<PredictedSegment>> byVideo, Diagnostics diagnostics) {
        VideoAnalysis a;
        try {
            a = ResultJson.read(file);
        } catch (ResultFormatException e) {
            diagnostics.error(e.file(), Math.max(0, e.line()), e.field(), e.problem());
            return;
        }
        String id = videoId(a.video().path());
        if (byVideo.containsKey(id)) {
            diagnostics.error(file.toString(), 0, "video.path", "a second result for video \"" + id + "\"");
            return;
        }
        List<PredictedSegment> segments = new ArrayList<>();
        for (LocatedSentiment l : a.located()) {
            segments.add(new PredictedSegment(l.start(), l.end(), SentimentLabels.canonical(l.label()), l.score(),
                    l.attribution(), List.of(), 0));
        }
        byVideo.put(id, segments);
    }

    /** The file name of a video path without its extension: {@code /data/v_12.mp4} gives {@code v_12}. */
    public static String videoId(String videoPath) {
        String name = Path.of(videoPath).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** True when the file's top-level object has {@code schemaVersion} and no {@code results}. */
    static boolean isResultJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        boolean version = false;
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if ("results".equals(name)) {
                    return false;
                }
                version |= "schemaVersion".equals(name);
                p.nextToken();
                p.skipChildren();
            }
        } catch (IOException e) {
            return version; // malformed: let the matching reader report where
        }
        return version;
    }
}
