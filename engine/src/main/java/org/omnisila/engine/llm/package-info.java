/**
 * The LLaMA decoder of the full ICM's Video-LLM (Vicuna-7B in Video-LLaVA), as DJL blocks in Hugging Face's
 * build-up order and names: {@link org.omnisila.engine.llm.RmsNorm}, {@link org.omnisila.engine.llm.RotaryEmbedding},
 * {@link org.omnisila.engine.llm.LlamaMlp}, {@link org.omnisila.engine.llm.LlamaAttention},
 * {@link org.omnisila.engine.llm.LlamaDecoderLayer}, {@link org.omnisila.engine.llm.LlamaModel},
 * {@link org.omnisila.engine.llm.LlamaForCausalLM}; the KV cache and generation
 * ({@link org.omnisila.engine.llm.LlamaGenerator}); the memory estimate. Loading from a Hugging Face folder is in
 * {@code llm.hf}. Checked against a plain-PyTorch transcription of Hugging Face's model (docs/full-model.md).
 */
package org.omnisila.engine.llm;
