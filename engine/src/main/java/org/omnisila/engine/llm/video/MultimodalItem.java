package org.omnisila.engine.llm.video;

import ai.djl.ndarray.NDArray;

/**
 * One prompt's pieces before they are put together ({@link MultimodalSequence}).
 *
 * @param ids            token ids [T], with a placeholder at each image position (its embedding is dropped)
 * @param labels         [T]: the target id at supervised positions, {@link MultimodalSequence#IGNORE_INDEX}
 *                       elsewhere; null for generation (then every position is prompt)
 * @param imagePositions indices into {@code ids} of the F image placeholders, ascending, one per frame
 * @param videoTokens    the projected video tokens [F, N, d], frame f replacing placeholder f
 * @param sceneTokens    the scene tokens [T_s, d] ({@link SceneFusion}), or null with {@link FusionMode#NONE}
 */
public record MultimodalItem(long[] ids, long[] labels, int[] imagePositions, NDArray videoTokens,
                             NDArray sceneTokens) {
}
