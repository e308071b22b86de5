package org.omnisila.engine.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.omnisila.engine.models.Sha256;

/**
 * Reads and writes a scene-feature data set as a folder: {@code dataset.json} (videos, segments, labels,
 * events) and {@code features.f32} (every feature value, float32 little-endian, in the order of the index:
 * video, segment, scene face/action/object/background, frame, channel), whose size and sha256 the index records.
 * Writes go to temporary files that are moved into place, so an interrupted write leaves the old data set.
 */
public final class SceneDatasetFiles {
    public static final String FORMAT = "omnisila-scene-features";
    public static final int VERSION = 1;
    public static final String INDEX = "dataset.json";
    public static final String FEATURES = "features.f32";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SceneDatasetFiles() {
    }

    public static void write(SceneDataset data, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path featuresTmp = dir.resolve("." + FEATURES + ".tmp");
        MessageDigest sha = Sha256.newDigest();
        long bytes = 0;
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(featuresTmp),
                1 << 16), sha)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (SceneVideo v : data.videos()) {
                for (SceneSegment s : v.segments()) {
                    for (float[] scene : s.features()) {
                        for (float f : scene) {
                            if (buf.remaining() < 4) {
                                out.write(buf.array(), 0, buf.position());
                                buf.clear();
                            }
                            buf.putFloat(f);
                            bytes += 4;
                        }
                    }
                }
            }
            out.write(buf.array(), 0, buf.position());
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("name", data.name());
        ArrayNode widths = root.putArray("sceneWidths");
        data.sceneWidths().forEach(widths::add);
        root.put("frames", data.frames());
        ArrayNode labels = root.putArray("labels");
        data.labels().forEach(labels::add);
        ObjectNode features = root.putObject("features");
        features.put("file", FEATURES);
        features.put("bytes", bytes);
        features.put("sha256", Sha256.hex(sha));
        ArrayNode videos = root.putArray("videos");
        for (SceneVideo v : data.videos()) {
            ObjectNode o = videos.addObject();
            o.put("id", v.id());
            o.put("subset", v.subset());
            o.put("duration", v.duration());
            ArrayNode events = o.putArray("events");
            for (SceneVideo.Event e : v.events()) {
                ObjectNode eo = events.addObject();
                eo.putArray("segment").add(e.start()).add(e.end());
                eo.put("label", e.label());
            }
            ArrayNode segments = o.putArray("segments");
            for (SceneSegment s : v.segments()) {
                ObjectNode so = segments.addObject();
                so.putArray("segment").add(s.start()).add(s.end());
                so.put("label", s.label());
            }
        }
        Path indexTmp = dir.resolve("." + INDEX + ".tmp");
        MAPPER.writeValue(indexTmp.toFile(), root);
        Files.move(featuresTmp, dir.resolve(FEATURES), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.move(indexTmp, dir.resolve(INDEX), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a data set folder; any inconsistency is a {@link DatasetFormatException} naming the file. */
    public static SceneDataset read(Path dir) {
        Path index = dir.resolve(INDEX);
        if (!Files.isRegularFile(index)) {
            throw new DatasetFormatException(index + ": not found; a scene-feature data set is a folder with "
                    + INDEX + " and " + FEATURES + " (make one with `omnisila synth`)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(index.toFile());
        } catch (JsonProcessingException e) {
            throw new DatasetFormatException(index + ", line " + (e.getLocation() == null ? 0
                    : e.getLocation().getLineNr()) + ": malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DatasetFormatException(index + ": cannot read: " + e.getMessage());
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new DatasetFormatException(index + ": field format is \"" + root.path("format").asText()
                    + "\", expected \"" + FORMAT + "\"");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new DatasetFormatException(index + ": field version is " + version + "; this build reads version "
                    + VERSION + (version > VERSION ? " (written by a newer Omni-SILA: update)" : ""));
        }
        List<Integer> widths = new ArrayList<>();
        root.path("sceneWidths").forEach(n -> widths.add(n.asInt()));
        int frames = root.path("frames").asInt();
        List<String> labels = new ArrayList<>();
        root.path("labels").forEach(n -> labels.add(n.asText()));
        Path features = dir.resolve(root.path("features").path("file").asText(FEATURES));
        long bytes = root.path("features").path("bytes").asLong(-1);
        String expectedSha = root.path("features").path("sha256").asText();
        try {
            if (!Files.isRegularFile(features)) {
                throw new DatasetFormatException(features + ": not found (named by " + index + ")");
            }
            if (Files.size(features) != bytes) {
                throw new DatasetFormatException(features + ": " + Files.size(features) + " bytes, but " + index
                        + " records " + bytes + " (truncated or replaced?)");
            }
            MessageDigest sha = Sha256.newDigest();
            List<SceneVideo> videos = new ArrayList<>();
            try (InputStream raw = Files.newInputStream(features);
                 DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
                         new DigestInputStream(raw, sha), 1 << 16))) {
                for (JsonNode v : root.path("videos")) {
                    videos.add(readVideo(v, widths, frames, in, index));
                }
            }
            String actual = Sha256.hex(sha);
            if (!actual.equals(expectedSha)) {
                throw new DatasetFormatException(features + ": sha256 is " + actual + ", " + index + " records "
                        + expectedSha + " (the file was changed or damaged)");
            }
            return new SceneDataset(root.path("name").asText(dir.getFileName().toString()), widths, frames, labels,
                    videos);
        } catch (IOException e) {
            throw new DatasetFormatException(features + ": cannot read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new DatasetFormatException(index + ": " + e.getMessage());
        }
    }

    private static SceneVideo readVideo(JsonNode v, List<Integer> widths, int frames, DataInputStream in, Path index)
            throws IOException {
        List<SceneVideo.Event> events = new ArrayList<>();
        for (JsonNode e : v.path("events")) {
            events.add(new SceneVideo.Event(e.path("segment").path(0).asDouble(), e.path("segment").path(1).asDouble(),
                    e.path("label").asText()));
        }
        List<SceneSegment> segments = new ArrayList<>();
        for (JsonNode s : v.path("segments")) {
            float[][] f = new float[4][];
            for (int j = 0; j < 4; j++) {
                f[j] = new float[frames * widths.get(j)];
                byte[] raw = new byte[f[j].length * 4];
                in.readFully(raw);
                ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f[j]);
            }
            segments.add(new SceneSegment(s.path("segment").path(0).asDouble(), s.path("segment").path(1).asDouble(),
                    s.path("label").asText(), f));
        }
        String id = v.path("id").asText();
        if (id.isEmpty()) {
            throw new DatasetFormatException(index + ": a video without \"id\"");
        }
        return new SceneVideo(id, v.path("subset").asText("train"), v.path("duration").asDouble(), segments, events);
    }

}
