package org.omnisila.engine.analysis;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.models.Sha256;
import org.omnisila.engine.scene.SceneFeatures;
import org.omnisila.engine.scene.SceneFeatures.SlotCue;
import org.omnisila.engine.video.Segment;
import org.omnisila.engine.video.VideoWarning;

/**
 * The binary layout of one scene-cache entry (docs/formats.md, "Scene cache"): magic {@code OSSC}, format
 * version, the key it was written for, the segments (plan, frame times, per scene the values and cues), the
 * warnings, then the SHA-256 of everything before it. A file whose digest, magic, version or key does not
 * match is rejected as a whole.
 */
final class SceneCacheFile {
    static final int FORMAT = 1;
    private static final int MAGIC = 0x4F53_5343; // "OSSC"
    private static final int DIGEST_BYTES = 32;

    private SceneCacheFile() {
    }

    static void write(CollectedVideo video, String key, OutputStream target) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        DataOutputStream out = new DataOutputStream(new DigestOutputStream(target, sha));
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeUTF(key);
        out.writeInt(video.segments().size());
        for (CollectedSegment s : video.segments()) {
            writeSegment(out, s);
        }
        out.writeInt(video.warnings().size());
        for (VideoWarning w : video.warnings()) {
            out.writeUTF(w.kind().name());
            out.writeDouble(w.start());
            out.writeDouble(w.end());
            out.writeUTF(w.message());
        }
        out.flush();
        target.write(sha.digest());
        target.flush();
    }

    /**
     * @throws IOException when the bytes are not a complete, intact entry for {@code key}; the message says why
     */
    static CollectedVideo read(byte[] bytes, String key) throws IOException {
        if (bytes.length < DIGEST_BYTES + 8) {
            throw new IOException("too short (" + bytes.length + " bytes)");
        }
        int body = bytes.length - DIGEST_BYTES;
        MessageDigest sha = Sha256.newDigest();
        sha.update(bytes, 0, body);
        if (!Arrays.equals(sha.digest(), Arrays.copyOfRange(bytes, body, bytes.length))) {
            throw new IOException("checksum mismatch (truncated or damaged)");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, body));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a scene-cache entry");
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("format " + format + ", this version reads " + FORMAT);
        }
        String stored = in.readUTF();
        if (!stored.equals(key)) {
            throw new IOException("written for another key");
        }
        int n = in.readInt();
        List<CollectedSegment> segments = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            segments.add(readSegment(in));
        }
        int w = in.readInt();
        List<VideoWarning> warnings = new ArrayList<>(w);
        for (int i = 0; i < w; i++) {
            warnings.add(new VideoWarning(VideoWarning.Kind.valueOf(in.readUTF()), in.readDouble(), in.readDouble(),
                    in.readUTF()));
        }
        return new CollectedVideo(segments, warnings);
    }

    private static void writeSegment(DataOutputStream out, CollectedSegment s) throws IOException {
        Segment plan = s.segment();
        out.writeInt(plan.index());
        out.writeDouble(plan.start());
        out.writeDouble(plan.end());
        writeDoubles(out, plan.frameTimes());
        writeDoubles(out, s.frameTimes());
        out.writeInt(s.scenes().size());
        for (SceneFeatures f : s.scenes()) {
            out.writeInt(f.frames());
            for (int t = 0; t < f.frames(); t++) {
                float[] row = f.values()[t];
                out.writeInt(row.length);
                for (float v : row) {
                    out.writeFloat(v);
                }
                List<SlotCue> cues = f.cues().get(t);
                out.writeInt(cues.size());
                for (SlotCue c : cues) {
                    writeCue(out, c);
                }
            }
        }
    }

    private static CollectedSegment readSegment(DataInputStream in) throws IOException {
        Segment plan = new Segment(in.readInt(), in.readDouble(), in.readDouble(), readDoubles(in));
        double[] times = readDoubles(in);
        int scenes = in.readInt();
        List<SceneFeatures> features = new ArrayList<>(scenes);
        for (int j = 0; j < scenes; j++) {
            int frames = in.readInt();
            float[][] values = new float[frames][];
            List<List<SlotCue>> cues = new ArrayList<>(frames);
            for (int t = 0; t < frames; t++) {
                values[t] = new float[in.readInt()];
                for (int k = 0; k < values[t].length; k++) {
                    values[t][k] = in.readFloat();
                }
                int slots = in.readInt();
                List<SlotCue> frame = new ArrayList<>(slots);
                for (int k = 0; k < slots; k++) {
                    frame.add(readCue(in));
                }
                cues.add(frame);
            }
            features.add(new SceneFeatures(values, cues));
        }
        return new CollectedSegment(plan, times, features);
    }

    private static void writeCue(DataOutputStream out, SlotCue c) throws IOException {
        out.writeBoolean(c != null);
        if (c == null) {
            return;
        }
        out.writeUTF(c.text());
        out.writeBoolean(c.box() != null);
        if (c.box() != null) {
            out.writeDouble(c.box().x());
            out.writeDouble(c.box().y());
            out.writeDouble(c.box().width());
            out.writeDouble(c.box().height());
        }
    }

    private static SlotCue readCue(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String text = in.readUTF();
        Box box = in.readBoolean() ? new Box(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble()) : null;
        return new SlotCue(text, box);
    }

    private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        double[] values = new double[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }
}
