package org.omnisila.engine.eval.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.omnisila.engine.eval.Diagnostics;
import org.omnisila.engine.eval.EvalInputException;
import org.omnisila.engine.eval.GroundTruth;
import org.omnisila.engine.eval.GroundTruthVideo;

/**
 * Per-video frame rates and durations given beside the ground truth, as TSL-300 ships them:
 * {@code fps_dict.json} and {@code len_duration_dict.json}, each {@code {VID: number}}.
 */
public final class TimingFiles {
    private TimingFiles() {
    }

    /** Reads a {@code {VID: number}} file; bad entries go to {@code diagnostics}. */
    public static Map<String, Double> read(Path file, Diagnostics diagnostics) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new EvalInputException(name, 0, "", "file not found");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            JsonCursor c = new JsonCursor(p, name, diagnostics);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new EvalInputException(name, c.line(), "", "expected an object {video id: number}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String id = p.currentName();
                p.nextToken();
                double v = c.number("[\"" + id + "\"]");
                if (Double.isFinite(v)) {
                    if (v <= 0) {
                        c.error(c.line(), "[\"" + id + "\"]", "must be positive, got " + v);
                    } else {
                        out.put(id, v);
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new EvalInputException(name, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "",
                    "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new EvalInputException(name, 0, "", "cannot read the file: " + e.getMessage());
        }
        return out;
    }

    /** The ground truth with durations and frame rates filled in where the files know them and it does not. */
    public static GroundTruth apply(GroundTruth gt, Map<String, Double> durations, Map<String, Double> fps) {
        Map<String, GroundTruthVideo> videos = new LinkedHashMap<>();
        gt.videos().forEach((id, v) -> videos.put(id, v.withTiming(
                v.duration() > 0 ? v.duration() : durations.getOrDefault(id, Double.NaN),
                v.fps() > 0 ? v.fps() : fps.getOrDefault(id, Double.NaN))));
        return new GroundTruth(gt.source(), videos);
    }
}
