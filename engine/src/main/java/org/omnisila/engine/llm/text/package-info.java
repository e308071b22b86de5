/**
 * Text around the decoder: the tokenizer of a Hugging Face model folder ({@link org.omnisila.engine.llm.text.LlmTokenizer}),
 * the Vicuna v1 conversation template with the video's image placeholders
 * ({@link org.omnisila.engine.llm.text.VicunaTemplate}), stop strings, and the parser of the model's answers into
 * result types ({@link org.omnisila.engine.llm.text.AnswerParser}). docs/full-model.md, "Tokenizer, template and
 * answers".
 */
package org.omnisila.engine.llm.text;
