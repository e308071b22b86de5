/**
 * Hugging Face model folders: {@code config.json} and safetensors weights, one file or shards with
 * {@code model.safetensors.index.json}, read tensor by tensor ({@link org.omnisila.engine.llm.hf.SafetensorsFile})
 * and matched by name onto the decoder's parameters ({@link org.omnisila.engine.llm.hf.LlamaLoader}).
 */
package org.omnisila.engine.llm.hf;
