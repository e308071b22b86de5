package org.omnisila.engine.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.omnisila.engine.api.VideoInfo;

/** A real XviD AVI from OpenCV's samples (test resources, see video/README.md). */
class RealFootageTest {

    private static Path file() throws URISyntaxException {
        return Path.of(RealFootageTest.class.getResource("/video/Megamind_bugy.avi").toURI());
    }

    @Test
    void readsItsMetadataAndHash() throws Exception {
        VideoInfo info = VideoProbe.info(file());
        assertEquals("b82dd32d5444031d1a46a133e7554be7b80c54d12e3503a1b1332a540218e22c", info.sha256());
        assertEquals(720, info.width());
        assertEquals(528, info.height());
        assertEquals(30.0, info.fps(), 1e-9);
        assertEquals(9.0, info.duration(), 1e-9);
        VideoMetadata m = VideoProbe.probe(file());
        assertEquals("mpeg4", m.codec());
        assertEquals("avi", m.format());
        assertEquals(270, m.frameCount());
        assertFalse(m.hasAudio());
    }

    @Test
    void samplesFiveSegmentsAndTheReaderAgreesWithTheSampler() throws Exception {
        List<SegmentFrames> got = new ArrayList<>();
        SamplingResult r = new SegmentSampler().sample(file(), got::add);
        assertEquals(List.of(), r.warnings());
        assertEquals(270, r.framesDecoded());
        assertEquals(0, r.framesDamaged());
        assertEquals(5, got.size());
        try (FrameReader reader = FrameReader.open(file())) {
            for (SegmentFrames s : got) {
                for (SampledFrame f : List.of(s.frames().get(0), s.frames().get(5))) {
                    // frame k is at k/30 s, on the grid, but the stream starts one frame late (its first frame is
                    // at 1/30 s): target 0 takes that first frame, the nearest
                    assertEquals(Math.max(f.targetTime(), 1 / 30.0), f.time(), 1e-6, f.toString());
                    SampledFrame same = reader.frameAt(f.time());
                    assertEquals(f.time(), same.time(), 1e-9);
                    assertEquals(f.image(), same.image(), "pixels differ at " + f.time() + " s");
                }
            }
        }
    }
}
