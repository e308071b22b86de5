package org.omnisila.app.cli;

import org.omnisila.engine.video.SegmentPlan;
import picocli.CommandLine.Option;

/** {@code --segment SECONDS}, for the commands that cut a video into segments (a picocli mixin). */
final class SegmentOption {
    /** Frames sampled per segment, as the paper's Video-LLaVA takes them. */
    static final int FRAMES = 8;

    @Option(names = "--segment", defaultValue = "2.0", paramLabel = "SECONDS",
            description = "Segment length (default: ${DEFAULT-VALUE}); 8 frames per segment.")
    double segment;

    /** @return segments of that length, {@link #FRAMES} frames each */
    SegmentPlan plan() {
        return new SegmentPlan(segment, FRAMES);
    }
}
