#!/usr/bin/env python3
"""A tiny tokenizer in the layout of LLaMA's / Vicuna's Hugging Face tokenizer.json, for LlmTokenizerTest.

Writes, into engine/src/test/resources/llm/tiny-tokenizer/ (or the folder given as the only argument):
  tokenizer.json           a BPE model with byte fallback, LLaMA's normalizer (prepend "\u2581", spaces to
                           "\u2581"), decoder (Replace, ByteFallback, Fuse, Strip) and post-processor (<s> first),
                           ids 0 <unk>, 1 <s>, 2 </s>, 3-258 the bytes <0x00>-<0xFF>, then characters and merges;
                           <image>, <video> and <pad> added after the model's vocabulary, as llava-hf adds them
  tokenizer_config.json    add_bos_token true, the special tokens as AddedToken objects (as transformers writes)
  special_tokens_map.json  the special tokens as plain strings
  config.json              bos/eos/pad ids as a model's config.json has them
  expected.json            texts and their ids, encoded by the plain-Python LLaMA tokenizer below (special tokens
                           split off first, each piece normalized on its own, BPE by merge rank, byte fallback), and
                           the Vicuna v1 prompt tokenized as Video-LLaVA's tokenizer_image_token does

The merges are learned by plain BPE (the most frequent adjacent pair, ties broken by the pair's text) on a few
sentences of the Vicuna template and of Omni-SILA answers, so common words are one or two tokens and anything
else falls back to characters or bytes. Only the json module is needed; re-running writes identical files.
Run: /usr/bin/python3 engine/src/test/python/tiny_tokenizer.py
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

SPACE = "\u2581"
MERGES = 120
CORPUS = [
    "A chat between a curious human and an artificial intelligence assistant. "
    "The assistant gives helpful, detailed, and polite answers to the human's questions.",
    "USER: What is the implicit visual sentiment in the video? ASSISTANT:",
    "The implicit visual sentiment is Fighting, from 4s to 18s.",
    "The explicit visual sentiment is negative between 3 and 7 seconds.",
    "The attribution is that two people are fighting in the street.",
    "Please locate the sentiment in the video and explain the attribution.",
]
CHARS = sorted(set("".join(CORPUS)) | set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,:;!?'\"-()/")
               - {" "})
ADDED_AFTER_VOCAB = ["<image>", "<video>", "<pad>"]


def learn_merges(words):
    """words: Counter of tuples of symbols. Returns the merges in rank order."""
    merges = []
    for _ in range(MERGES):
        pairs = Counter()
        for word, n in words.items():
            for a, b in zip(word, word[1:]):
                pairs[(a, b)] += n
        if not pairs:
            break
        best = min(pairs, key=lambda p: (-pairs[p], p[0] + " " + p[1]))
        if pairs[best] < 2:
            break
        merges.append(best)
        merged = Counter()
        for word, n in words.items():
            out, i = [], 0
            while i < len(word):
                if i + 1 < len(word) and (word[i], word[i + 1]) == best:
                    out.append(word[i] + word[i + 1])
                    i += 2
                else:
                    out.append(word[i])
                    i += 1
            merged[tuple(out)] += n
        words = merged
    return merges


def encode(text, vocab, ranks, specials):
    """LLaMA's fast tokenizer, no special tokens added: the independent reference for LlmTokenizer.encode."""
    ids = []
    pattern = "(" + "|".join(re.escape(t) for t in specials) + ")"
    for piece in re.split(pattern, text):
        if piece in specials:
            ids.append(vocab[piece])
            continue
        if not piece:
            continue
        symbols = list(SPACE + piece.replace(" ", SPACE))
        while True:
            pairs = [(ranks.get((a, b)), i) for i, (a, b) in enumerate(zip(symbols, symbols[1:]))
                     if (a, b) in ranks]
            if not pairs:
                break
            _, i = min(pairs)
            symbols[i:i + 2] = [symbols[i] + symbols[i + 1]]
        for s in symbols:
            if s in vocab:
                ids.append(vocab[s])
            else:
                ids.extend(vocab["<0x%02X>" % b] for b in s.encode("utf-8"))
    return ids


def image_prompt_tokens(prompt, vocab, ranks, specials, placeholder):
    """Video-LLaVA's tokenizer_image_token: pieces encoded alone, one <s> first, a placeholder between pieces."""
    ids, positions = [vocab["<s>"]], []
    for i, piece in enumerate(prompt.split("<image>")):
        if i > 0:
            positions.append(len(ids))
            ids.append(placeholder)
        ids.extend(encode(piece, vocab, ranks, specials))
    return ids, positions


def added(id_, content):
    return {"id": id_, "content": content, "single_word": False, "lstrip": False, "rstrip": False,
            "normalized": False, "special": True}


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(__file__).resolve().parents[1] / "resources" / "llm" / "tiny-tokenizer"
    out.mkdir(parents=True, exist_ok=True)
    vocab = {"<unk>": 0, "<s>": 1, "</s>": 2}
    for b in range(256):
        vocab["<0x%02X>" % b] = len(vocab)
    for c in [SPACE] + CHARS:
        vocab.setdefault(c, len(vocab))
    words = Counter()
    for text in CORPUS:
        for w in (SPACE + text.replace(" ", SPACE)).split(SPACE)[1:]:
            words[tuple(SPACE + w)] += 1
    merges = learn_merges(words)
    for a, b in merges:
        vocab.setdefault(a + b, len(vocab))
    special = [added(0, "<unk>"), added(1, "<s>"), added(2, "</s>")]
    for t in ADDED_AFTER_VOCAB:
        special.append(added(len(vocab) + len(special) - 3, t))
    tokenizer = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": special,
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "Prepend", "prepend": SPACE},
            {"type": "Replace", "pattern": {"String": " "}, "content": SPACE}]},
        "pre_tokenizer": None,
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "<s>", "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}],
            "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}},
        "decoder": {"type": "Sequence", "decoders": [
            {"type": "Replace", "pattern": {"String": SPACE}, "content": " "},
            {"type": "ByteFallback"},
            {"type": "Fuse"},
            {"type": "Strip", "content": " ", "start": 1, "stop": 0}]},
        "model": {"type": "BPE", "dropout": None, "unk_token": "<unk>", "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": True, "byte_fallback": True,
                  "vocab": vocab, "merges": [a + " " + b for a, b in merges]},
    }

    def token(content):
        return {"__type": "AddedToken", "content": content, "lstrip": False, "normalized": False,
                "rstrip": False, "single_word": False}

    config = {"add_bos_token": True, "add_eos_token": False, "bos_token": token("<s>"),
              "eos_token": token("</s>"), "unk_token": token("<unk>"), "pad_token": "<pad>",
              "clean_up_tokenization_spaces": False, "legacy": True, "model_max_length": 64,
              "tokenizer_class": "LlamaTokenizer"}
    special_map = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>"}
    pad = next(t["id"] for t in special if t["content"] == "<pad>")
    model_config = {"model_type": "llama", "bos_token_id": 1, "eos_token_id": 2, "pad_token_id": pad,
                    "vocab_size": pad + 1}
    for name, obj in [("tokenizer.json", tokenizer), ("tokenizer_config.json", config),
                      ("special_tokens_map.json", special_map), ("config.json", model_config)]:
        (out / name).write_text(json.dumps(obj, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    vocab_all = dict(vocab)
    vocab_all.update({t["content"]: t["id"] for t in special})
    specials = [t["content"] for t in special]
    ranks = {m: r for r, m in enumerate(merges)}
    texts = ["The implicit visual sentiment is Fighting, from 4s to 18s.",
             "Hello  world",
             "caf\u00e9 \U0001F600 \u5149",
             "ASSISTANT: negative</s>USER: why?",
             "<s>starts with bos",
             "  two leading spaces and a tab\t",
             "x"]
    encoded = [{"text": t, "ids": encode(t, vocab_all, ranks, specials)} for t in texts]
    system = ("A chat between a curious human and an artificial intelligence assistant. "
              "The assistant gives helpful, detailed, and polite answers to the human's questions.")
    instruction = "What is the implicit visual sentiment in the video?"
    prompt = system + " USER: " + "<image>" * 8 + "\n" + instruction + " ASSISTANT:"
    ids, positions = image_prompt_tokens(prompt, vocab_all, ranks, specials, vocab_all["<image>"])
    expected = {"encode": encoded,
                "prompt": {"instruction": instruction, "text": prompt, "ids": ids, "image_positions": positions}}
    (out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False) + "\n", encoding="utf-8")
    print("vocabulary", len(vocab), "merges", len(merges), "added", [(t["content"], t["id"]) for t in special])


if __name__ == "__main__":
    main()
