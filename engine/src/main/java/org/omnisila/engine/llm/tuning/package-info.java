/**
 * The full model's inputs for inference and for LoRA tuning: the eight frames of a video as Video-LLaVA takes them
 * ({@link org.omnisila.engine.llm.tuning.VideoFrames8}), their scene features through the bundled extractors
 * ({@link org.omnisila.engine.llm.tuning.SceneInputs}), the exported instruction data sets
 * ({@link org.omnisila.engine.llm.tuning.InstructionDataset}), conversations as token ids with Video-LLaVA's label
 * masking ({@link org.omnisila.engine.llm.tuning.ConversationTokens}), the masked language-model loss
 * ({@link org.omnisila.engine.llm.tuning.MaskedLmLoss}) and padded batches
 * ({@link org.omnisila.engine.llm.tuning.TuningBatch}). docs/full-model.md, "Inputs and training data".
 */
package org.omnisila.engine.llm.tuning;
