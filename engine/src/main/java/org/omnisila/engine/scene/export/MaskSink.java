package org.omnisila.engine.scene.export;

import java.io.IOException;

/** What {@link SceneCueRecorder} does with each sampled frame's person mask: write it ({@link MaskPng}) or keep it. */
@FunctionalInterface
public interface MaskSink {

    /**
     * @param segment the segment's index in the plan
     * @param frame   the frame's index in its segment
     * @param mask    [{@link org.omnisila.engine.vision.SelfieSegmenter#SIZE} * SIZE] person probabilities of the
     *                frame stretched to 256x256, row-major
     * @param width   the frame's width, pixels
     * @param height  the frame's height, pixels
     * @return the frame's {@code mask} field in the cues (a file relative to the output directory), or null
     * @throws IOException when the mask cannot be written
     */
    String accept(int segment, int frame, float[] mask, int width, int height) throws IOException;
}
