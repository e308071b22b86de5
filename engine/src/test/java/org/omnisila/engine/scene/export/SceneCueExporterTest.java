package org.omnisila.engine.scene.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.omnisila.engine.api.Box;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.scene.MovingFaceVideo;
import org.omnisila.engine.scene.Pose;
import org.omnisila.engine.scene.SceneExtractors;
import org.omnisila.engine.scene.export.SceneCueFile.FrameCues;
import org.omnisila.engine.scene.export.SceneCueFile.ObjectCue;
import org.omnisila.engine.scene.export.SceneCueFile.PersonCue;
import org.omnisila.engine.scene.export.SceneCueFile.TripleCue;
import org.omnisila.engine.tfjs.TfjsReference;
import org.omnisila.engine.video.RgbImage;
import org.omnisila.engine.video.SampledFrame;
import org.omnisila.engine.video.Segment;
import org.omnisila.engine.video.SegmentFrames;
import org.omnisila.engine.video.SegmentPlan;
import org.omnisila.engine.video.VideoCancelledException;

/** The scene cues of real footage through the bundled models: what cues.json says, the masks, and cancelling. */
class SceneCueExporterTest {

    private static final SceneExtractors.Bundle EXTRACTORS = SceneExtractors.bundle(Device.cpu(), new ModelFiles());

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        EXTRACTORS.close();
    }

    @Test
    void facesBoxesExpressionsAndMasksOfAMovingFace() throws Exception {
        Path video = dir.resolve("moving-face.mp4");
        MovingFaceVideo.write(video);
        Path out = dir.resolve("cues");
        List<Double> progress = new ArrayList<>();
        SceneCueExporter.Outcome outcome = new SceneCueExporter(EXTRACTORS, SegmentPlan.DEFAULT, true)
                .export(video, out, (p, f) -> progress.add(f), () -> false);
        assertEquals(out.resolve("cues.json"), outcome.file());
        assertEquals(1.0, progress.get(progress.size() - 1));
        try (Stream<Path> entries = Files.list(out)) {
            assertEquals(List.of("cues.json", "masks"), entries.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no staging directory left behind");
        }

        JsonNode root = new ObjectMapper().readTree(out.resolve("cues.json").toFile());
        assertEquals(1, root.get("schemaVersion").intValue());
        assertEquals(320, root.at("/video/width").intValue());
        assertEquals(240, root.at("/video/height").intValue());
        assertEquals(2.0, root.at("/plan/segmentLength").doubleValue());
        assertEquals(8, root.at("/plan/framesPerSegment").intValue());
        assertEquals(1, root.get("segments").size(), "2 s of video, one segment");
        JsonNode frames = root.at("/segments/0/frames");
        assertEquals(8, frames.size());
        for (JsonNode frame : frames) {
            double time = frame.get("time").doubleValue();
            int index = (int) Math.round(time * MovingFaceVideo.FPS);
            String at = "frame at " + time + " s";
            JsonNode face = frame.at("/faces/0");
            assertFalse(face.isMissingNode(), "a face on the " + at);
            JsonNode box = face.get("box");
            double cx = box.get("x").doubleValue() + box.get("width").doubleValue() / 2;
            double cy = box.get("y").doubleValue() + box.get("height").doubleValue() / 2;
            assertEquals(MovingFaceVideo.faceCentreX(index), cx, 10, at);
            assertEquals(MovingFaceVideo.faceCentreY(), cy, 10, at);
            assertTrue(face.get("score").doubleValue() > 0.5, at);
            double sum = 0;
            String best = null;
            double bestP = -1;
            for (Iterator<Map.Entry<String, JsonNode>> it = face.get("expressions").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sum += e.getValue().doubleValue();
                if (e.getValue().doubleValue() > bestP) {
                    best = e.getKey();
                    bestP = e.getValue().doubleValue();
                }
            }
            assertEquals(7, face.get("expressions").size());
            assertEquals(1, sum, 1e-4, at);
            assertEquals(best, face.get("expression").textValue());

            String mask = frame.get("mask").textValue();
            assertEquals(String.format("masks/seg0000_f%d.png", frame.get("index").intValue()), mask);
            BufferedImage png = ImageIO.read(out.resolve(mask).toFile());
            assertEquals(320, png.getWidth(), "the frame's size");
            assertEquals(240, png.getHeight());
            assertEquals(1, png.getRaster().getNumBands(), "grey");
            assertEquals(8, png.getColorModel().getComponentSize(0));
            // the person mask is brighter on the face than on the empty grey strip below the portrait patch
            double onFace = mean(png.getRaster(), (int) cx - 15, (int) cy - 15, 30, 30);
            double below = mean(png.getRaster(), 0, 205, 320, 35);
            assertTrue(onFace > below + 50, at + ": mask " + onFace + " on the face, " + below + " below");
        }

        SceneCueFile read = SceneCueJson.read(out.resolve("cues.json"));
        assertEquals(SceneCueFile.SCHEMA_VERSION, read.schemaVersion());
        assertEquals(outcome.cues().video(), read.video());
        Box box = read.segments().get(0).frames().get(3).faces().get(0).box();
        assertEquals(outcome.cues().segments().get(0).frames().get(3).faces().get(0).box(), box);
        assertEquals(frames.get(3).at("/faces/0/box/x").doubleValue(), box.x());
    }

    private static double mean(Raster r, int x, int y, int w, int h) {
        double sum = 0;
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                sum += r.getSample(i, j, 0);
            }
        }
        return sum / (w * h);
    }

    @Test
    void personsWithKeypointsObjectsAndTriplesOfThePartyPhoto() {
        RgbImage photo = new RgbImage(512, 512, TfjsReference.bytes("sample1-512x512.rgb.gz"));
        SceneCueRecorder recorder = new SceneCueRecorder(EXTRACTORS, null);
        recorder.accept(new SegmentFrames(new Segment(0, 0, 1, new double[] {0.5}),
                List.of(new SampledFrame(0.5, 0.5, photo))));
        FrameCues frame = recorder.segments().get(0).frames().get(0);
        assertNull(frame.mask(), "no masks asked for");
        assertEquals(2, frame.persons().size(), "the two largest of the three women");
        for (PersonCue p : frame.persons()) {
            assertEquals(Pose.KEYPOINTS, p.keypoints().length);
            float[] nose = p.keypoints()[Pose.NOSE];
            Box b = p.box();
            assertTrue(nose[0] > b.x() && nose[0] < b.x() + b.width() && nose[1] > b.y()
                    && nose[1] < b.y() + b.height() / 2, "the nose in the top half of the person's box");
            assertTrue(nose[2] > 0.5, "the nose is visible: " + nose[2]);
        }
        assertTrue(frame.objects().stream().filter(o -> o.label().equals("person")).count() >= 3,
                frame.objects().toString());
        assertFalse(frame.triples().isEmpty(), "three women side by side touch or stand near each other");
        for (TripleCue t : frame.triples()) {
            ObjectCue subject = frame.objects().get(t.subjectIndex());
            ObjectCue object = frame.objects().get(t.objectIndex());
            assertEquals(subject.label(), t.subject());
            assertEquals(object.label(), t.object());
            assertEquals(subject.box(), t.subjectBox());
            assertEquals(object.box(), t.objectBox());
        }
    }

    @Test
    void cancellingLeavesTheOutputAsItWas() throws Exception {
        Path video = dir.resolve("moving-face.mp4");
        MovingFaceVideo.write(video);
        Path out = Files.createDirectories(dir.resolve("cues"));
        Files.writeString(out.resolve("cues.json"), "an earlier run's file\n");
        AtomicBoolean firstSegmentDone = new AtomicBoolean();
        SceneCueExporter halves = new SceneCueExporter(EXTRACTORS, new SegmentPlan(1.0, 8), true);
        // two 1 s segments: the first one's masks are staged, then Ctrl-C
        assertThrows(VideoCancelledException.class, () -> halves.export(video, out,
                (phase, f) -> firstSegmentDone.set(f > 0.4), firstSegmentDone::get));
        assertEquals("an earlier run's file\n", Files.readString(out.resolve("cues.json")));
        try (Stream<Path> entries = Files.list(out)) {
            assertEquals(List.of("cues.json"), entries.map(p -> p.getFileName().toString()).toList(),
                    "no masks, no staging directory");
        }
    }
}
