package org.omnisila.engine.eval.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.omnisila.engine.api.SentimentLabels;
import org.omnisila.engine.eval.Diagnostics;
import org.omnisila.engine.eval.EvalInputException;
import org.omnisila.engine.eval.GroundTruth;
import org.omnisila.engine.eval.GroundTruthSegment;
import org.omnisila.engine.eval.GroundTruthVideo;
import org.omnisila.engine.eval.PredictedSegment;
import org.omnisila.engine.eval.Predictions;

/**
 * Reads ground truth and predictions in the ActivityNet layout as TSL-300 writes it.
 *
 * <pre>
 * ground truth: {"database": {VID: {"subset": "test", "annotations": [{"segment": ["18.44", "31.199"], "label": "p"}]}}}
 * predictions:  {"results": {VID: [{"segment": [18.4, 31.2], "label": "p", "score": 0.93}]}}
 * </pre>
 * Times may be numbers or numeric strings; labels are any strings and are canonicalised
 * ({@link SentimentLabels#canonical}: TSL-300's "p"/"n" become "positive"/"negative"). Our extensions, all
 * optional: per video {@code "duration"}, {@code "fps"}, {@code "label"} in the ground truth; per annotation
 * {@code "attribution"}; per prediction {@code "attribution"} and {@code "ratings"}; and a top-level
 * {@code "identification": {VID: "label"}} in predictions. Unknown fields are skipped, as the reference does.
 *
 * <p>Every problem goes to the given {@link Diagnostics} with its file, line and entry; a file that cannot be
 * parsed at all (missing, not JSON) raises {@link EvalInputException} at once.
 */
public final class ActivityNetReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json.dump writes NaN: read it, then report it
            .build();

    private ActivityNetReader() {
    }

    public static GroundTruth readGroundTruth(Path file, Diagnostics diagnostics) {
        String name = file.toString();
        Map<String, GroundTruthVideo> videos = new LinkedHashMap<>();
        parse(file, name, diagnostics, "database", (field, cursor) -> readDatabase(cursor, videos));
        return new GroundTruth(name, videos);
    }

    public static Predictions readPredictions(Path file, Diagnostics diagnostics) {
        String name = file.toString();
        Map<String, List<PredictedSegment>> byVideo = new LinkedHashMap<>();
        Map<String, String> videoLabels = new LinkedHashMap<>();
        parse(file, name, diagnostics, "results", (field, cursor) -> {
            if ("results".equals(field)) {
                readResults(cursor, byVideo);
            } else {
                readIdentification(cursor, videoLabels);
            }
        }, "identification");
        return new Predictions(name, byVideo, videoLabels);
    }

    private interface Section {
        void read(String field, JsonCursor cursor) throws IOException;
    }

    /** Parses the top-level object, handing the required field (and any extra named ones) to {@code section}. */
    private static void parse(Path file, String name, Diagnostics diagnostics, String required, Section section,
                              String... optional) {
        if (!Files.isRegularFile(file)) {
            throw new EvalInputException(name, 0, "", Files.exists(file) ? "not a regular file" : "file not found");
        }
        try (InputStream in = Files.newInputStream(file); JsonParser p = FACTORY.createParser(in)) {
            JsonCursor cursor = new JsonCursor(p, name, diagnostics);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new EvalInputException(name, cursor.line(), "",
                        "expected a JSON object with a \"" + required + "\" field, found "
                                + JsonCursor.describe(p.currentToken()));
            }
            boolean seen = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals(required)) {
                    seen = true;
                    section.read(field, cursor);
                } else if (List.of(optional).contains(field)) {
                    section.read(field, cursor);
                } else {
                    p.skipChildren();
                }
            }
            if (!seen) {
                throw new EvalInputException(name, 0, "", "no \"" + required + "\" field at the top level"
                        + ("database".equals(required) ? " (is this a prediction file given as ground truth?)"
                        : " (is this a ground-truth file given as predictions?)"));
            }
        } catch (JsonProcessingException e) {
            throw new EvalInputException(name, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "",
                    "malformed JSON: " + e.getOriginalMessage()
                            + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new EvalInputException(name, 0, "", "cannot read the file: " + e.getMessage());
        }
    }

    private static void readDatabase(JsonCursor c, Map<String, GroundTruthVideo> videos) throws IOException {
        JsonParser p = c.parser();
        if (!c.expectObject("database")) {
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String id = p.currentName();
            p.nextToken();
            String entry = "database[\"" + id + "\"]";
            int line = c.line();
            if (!c.expectObject(entry)) {
                continue;
            }
            String subset = null;
            String label = null;
            double duration = Double.NaN;
            double fps = Double.NaN;
            List<GroundTruthSegment> segments = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "subset" -> subset = c.optionalString(entry + ".subset");
                    case "label" -> {
                        String stated = c.optionalString(entry + ".label");
                        label = stated == null ? null : SentimentLabels.canonical(stated);
                    }
                    case "duration" -> duration = c.number(entry + ".duration");
                    case "fps" -> fps = c.number(entry + ".fps");
                    case "annotations" -> readAnnotations(c, entry + ".annotations", segments);
                    default -> p.skipChildren();
                }
            }
            if (videos.containsKey(id)) {
                c.error(line, entry, "the video appears twice in the database");
                continue;
            }
            videos.put(id, new GroundTruthVideo(id, subset, segments, label, duration, fps, line));
        }
    }

    private static void readAnnotations(JsonCursor c, String entry, List<GroundTruthSegment> out)
            throws IOException {
        JsonParser p = c.parser();
        if (!c.expectArray(entry)) {
            return;
        }
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Entry a = readEntry(c, entry + "[" + i++ + "]", false);
            if (a != null && a.valid()) {
                out.add(new GroundTruthSegment(a.segment[0], a.segment[1], SentimentLabels.canonical(a.label),
                        a.attribution, a.line));
            }
        }
    }

    private static void readResults(JsonCursor c, Map<String, List<PredictedSegment>> byVideo) throws IOException {
        JsonParser p = c.parser();
        if (!c.expectObject("results")) {
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String id = p.currentName();
            p.nextToken();
            String entry = "results[\"" + id + "\"]";
            if (!c.expectArray(entry)) {
                continue;
            }
            List<PredictedSegment> list = byVideo.computeIfAbsent(id, k -> new ArrayList<>());
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                PredictedSegment s = readPrediction(c, entry + "[" + i++ + "]");
                if (s != null) {
                    list.add(s);
                }
            }
        }
    }

    private static PredictedSegment readPrediction(JsonCursor c, String e) throws IOException {
        Entry a = readEntry(c, e, true);
        if (a == null || !a.valid()) {
            return null;
        }
        return new PredictedSegment(a.segment[0], a.segment[1], SentimentLabels.canonical(a.label), a.score,
                a.attribution, a.ratings, a.line);
    }

    /** The fields of one annotation or prediction object, as read; {@link #valid} once all checks passed. */
    private static final class Entry {
        int line;
        double[] segment;
        String label;
        String attribution;
        double score = Double.NaN;
        List<Double> ratings = new ArrayList<>();
        boolean ok = true;

        boolean valid() {
            return ok && segment != null && label != null;
        }
    }

    /**
     * Reads one {@code {"segment", "label", ...}} object, reporting what is missing or malformed; {@code null}
     * when the value is not an object. Predictions also need a finite {@code score}.
     */
    private static Entry readEntry(JsonCursor c, String e, boolean prediction) throws IOException {
        JsonParser p = c.parser();
        Entry a = new Entry();
        a.line = c.line();
        if (!c.expectObject(e)) {
            return null;
        }
        boolean hasSegment = false;
        boolean hasScore = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "segment" -> {
                    hasSegment = true;
                    a.segment = c.segment(e + ".segment");
                }
                case "label" -> a.label = c.string(e + ".label");
                case "attribution" -> a.attribution = c.optionalString(e + ".attribution");
                case "score" -> {
                    if (prediction) {
                        hasScore = true;
                        a.score = c.number(e + ".score");
                    } else {
                        p.skipChildren();
                    }
                }
                case "ratings" -> {
                    if (prediction) {
                        a.ok &= readRatings(c, e + ".ratings", a.ratings);
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (!hasSegment) {
            c.error(a.line, e, "no \"segment\"");
        }
        if (a.label == null) {
            c.error(a.line, e, "no \"label\" (a string)");
        }
        if (prediction) {
            if (!hasScore) {
                c.error(a.line, e, "no \"score\"");
            }
            a.ok &= Double.isFinite(a.score);
        }
        return a;
    }

    private static boolean readRatings(JsonCursor c, String entry, List<Double> out) throws IOException {
        JsonParser p = c.parser();
        if (!c.expectArray(entry)) {
            return false;
        }
        boolean ok = true;
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            double r = c.number(entry + "[" + i++ + "]");
            if (Double.isFinite(r)) {
                out.add(r);
            } else {
                ok = false;
            }
        }
        return ok;
    }

    private static void readIdentification(JsonCursor c, Map<String, String> labels) throws IOException {
        JsonParser p = c.parser();
        if (!c.expectObject("identification")) {
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String id = p.currentName();
            p.nextToken();
            String entry = "identification[\"" + id + "\"]";
            String label = null;
            if (p.currentToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if ("label".equals(field)) {
                        label = c.string(entry + ".label");
                    } else {
                        p.skipChildren();
                    }
                }
                if (label == null) {
                    c.error(c.line(), entry, "no \"label\"");
                }
            } else {
                label = c.string(entry);
            }
            if (label != null) {
                labels.put(id, SentimentLabels.canonical(label));
            }
        }
    }
}
