/**
 * Video-LLaVA's multimodal input and the full ICM model: the video tower's tokens and the SBM + IEC scene tokens
 * placed into the LLaMA decoder's input embeddings ({@link org.omnisila.engine.llm.video.MultimodalSequence}),
 * the fusion block ({@link org.omnisila.engine.llm.video.SceneFusion}) and the whole model for training and
 * generation ({@link org.omnisila.engine.llm.video.VideoLlava}). See docs/full-model.md, "Video tokens and the
 * ICM fusion".
 */
package org.omnisila.engine.llm.video;
