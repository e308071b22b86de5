/**
 * Hugging Face model folders: {@code config.json} and safetensors weights, one file or shards with
 * {@code model.safetensors.index.json}, read tensor by tensor ({@link org.omnisila.engine.llm.hf.SafetensorsFile})
 * and matched by name onto the decoder's parameters ({@link org.omnisila.engine.llm.hf.LlamaLoader}), or onto any
 * block's ({@link org.omnisila.engine.llm.hf.BlockLoader}, and LoRA adapters through
 * {@link org.omnisila.engine.llm.hf.FolderWeights}); small files written by
 * {@link org.omnisila.engine.llm.hf.SafetensorsWriter}.
 */
package org.omnisila.engine.llm.hf;
