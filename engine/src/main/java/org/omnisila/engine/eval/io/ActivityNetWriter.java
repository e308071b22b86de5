package org.omnisila.engine.eval.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.api.AtomicFiles;
import org.omnisila.engine.eval.GroundTruth;
import org.omnisila.engine.eval.GroundTruthSegment;
import org.omnisila.engine.eval.GroundTruthVideo;
import org.omnisila.engine.eval.PredictedSegment;

/**
 * Writes ground truth and predictions in the ActivityNet layout that {@link ActivityNetReader} reads (docs/formats.md,
 * "Localisation files"), so that runs of our own can be scored and compared with {@code omnisila eval}. Times are
 * written as numbers; files are replaced atomically.
 */
public final class ActivityNetWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ActivityNetWriter() {
    }

    /** {@code {"database": {id: {"subset", "duration", "fps", "annotations": [{"segment", "label"}]}}}}. */
    public static void groundTruth(Path file, GroundTruth gt) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode database = root.putObject("database");
        for (GroundTruthVideo v : gt.videos().values()) {
            ObjectNode entry = database.putObject(v.id());
            entry.put("subset", v.subset());
            if (Double.isFinite(v.duration())) {
                entry.put("duration", v.duration());
            }
            if (Double.isFinite(v.fps())) {
                entry.put("fps", v.fps());
            }
            ArrayNode annotations = entry.putArray("annotations");
            for (GroundTruthSegment s : v.segments()) {
                ObjectNode a = annotations.addObject();
                a.putArray("segment").add(s.start()).add(s.end());
                a.put("label", s.label());
            }
        }
        AtomicFiles.write(file, JSON.writeValueAsBytes(root));
    }

    /** {@code {"results": {id: [{"segment": [start, end], "label", "score"}]}}}, videos in map order. */
    public static void predictions(Path file, Map<String, List<PredictedSegment>> byVideo) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode results = root.putObject("results");
        byVideo.forEach((id, segments) -> {
            ArrayNode list = results.putArray(id);
            for (PredictedSegment s : segments) {
                ObjectNode p = list.addObject();
                p.putArray("segment").add(s.start()).add(s.end());
                p.put("label", s.label());
                p.put("score", s.score());
            }
        });
        AtomicFiles.write(file, JSON.writeValueAsBytes(root));
    }
}
