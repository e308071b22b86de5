/**
 * LoRA adapters on the LLaMA decoder, in PEFT's layout: pairs on the {@link org.omnisila.engine.llm.Projection}s
 * ({@link org.omnisila.engine.llm.lora.Lora}), adapter folders read and written
 * ({@link org.omnisila.engine.llm.lora.PeftAdapterLoader}, {@link org.omnisila.engine.llm.lora.PeftAdapterWriter}),
 * merging for inference and freezing for training (docs/full-model.md, "LoRA").
 */
package org.omnisila.engine.llm.lora;
