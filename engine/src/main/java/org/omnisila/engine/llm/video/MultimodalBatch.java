package org.omnisila.engine.llm.video;

import ai.djl.ndarray.NDArray;

/**
 * A batch of multimodal sequences, right-padded for training (Video-LLaVA's default {@code padding_side}).
 *
 * @param embeddings input embeddings [B, L, d] (zeros at padding, as {@code prepare_inputs_labels_for_multimodal})
 * @param padding    [B, L] int64: 1 real, 0 padding
 * @param labels     [B, L] int64: targets, {@link MultimodalSequence#IGNORE_INDEX} at video, scene, prompt and
 *                   padding positions (not yet shifted: position t's logits predict labels[t + 1])
 * @param lengths    each sequence's real length L_b
 */
public record MultimodalBatch(NDArray embeddings, NDArray padding, NDArray labels, int[] lengths) {
}
