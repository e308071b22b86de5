/**
 * The full model's inputs for inference and for LoRA tuning: the eight frames of a video as Video-LLaVA takes them
 * ({@link org.omnisila.engine.llm.tuning.VideoFrames8}), their scene features through the bundled extractors
 * ({@link org.omnisila.engine.llm.tuning.SceneInputs}), the exported instruction data sets
 * ({@link org.omnisila.engine.llm.tuning.InstructionDataset}), conversations as token ids with Video-LLaVA's label
 * masking ({@link org.omnisila.engine.llm.tuning.ConversationTokens}), the masked language-model loss
 * ({@link org.omnisila.engine.llm.tuning.MaskedLmLoss}) and padded batches
 * ({@link org.omnisila.engine.llm.tuning.TuningBatch}). docs/full-model.md, "Inputs and training data".
 *
 * <p>LoRA tuning of both stages: {@link org.omnisila.engine.llm.tuning.FullIcmTrainer} with
 * {@link org.omnisila.engine.llm.tuning.TuningSettings}, progress through
 * {@link org.omnisila.engine.llm.tuning.TuningListener}, stage 2's scene features from a
 * {@link org.omnisila.engine.llm.tuning.SceneSource}, the memory and compute estimate
 * {@link org.omnisila.engine.llm.tuning.TuningEstimate}. docs/full-model.md, "Training (two stages)".
 */
package org.omnisila.engine.llm.tuning;
