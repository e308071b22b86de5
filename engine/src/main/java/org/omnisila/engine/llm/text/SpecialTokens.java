package org.omnisila.engine.llm.text;

/**
 * The ids of a tokenizer's special tokens. An id of -1 means the tokenizer has no such token.
 *
 * @param bos        beginning of sequence ({@code <s>}, 1 in LLaMA)
 * @param eos        end of sequence ({@code </s>}, 2 in LLaMA): the decoder's stop token
 * @param unk        unknown ({@code <unk>}, 0 in LLaMA)
 * @param pad        padding; LLaMA has none, and then it is {@code unk}, as LLaVA's and Video-LLaVA's train.py set
 *                   it for the v1 template ({@code tokenizer.pad_token = tokenizer.unk_token})
 * @param addBos     whether a prompt starts with {@code bos} ({@code add_bos_token}, true for LLaMA)
 */
public record SpecialTokens(int bos, int eos, int unk, int pad, boolean addBos) {
}
