package org.omnisila.engine.llm.text;

/**
 * A tokenized prompt with places for the video.
 *
 * @param ids            token ids [T], starting with {@code bos}; at each image position the placeholder id
 *                       ({@link VicunaTemplate#placeholderId}), whose embedding is replaced by the projected video
 *                       tokens of one frame
 * @param imagePositions the indices into {@code ids} of the image placeholders, ascending, one per frame
 */
public record PromptTokens(long[] ids, int[] imagePositions) {
}
