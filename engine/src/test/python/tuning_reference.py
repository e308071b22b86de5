#!/usr/bin/env python3
"""References for the tuning inputs (org.omnisila.engine.llm.tuning), written to
engine/src/test/resources/llm/tiny-tuning/expected.json:

  conversations  Video-LLaVA's preprocess_multimodal + preprocess_v1 (videollava/train/train.py), transcribed:
                 conv_vicuna_v1 / conv_llava_v1 get_prompt (separator style TWO), tokenizer_image_token, and the
                 label masking with its offsets (cur_len = 1, round_len, instruction_len - 2, the mismatch check),
                 on the tiny tokenizer (its tokenizer.json read back, encoded by tiny_tokenizer.encode, the
                 plain-Python LLaMA tokenizer), with the <image> token's id where Video-LLaVA puts -200.
  loss           Hugging Face LlamaForCausalLM's loss on fixed random logits: logits[:, :-1] against labels[:, 1:],
                 torch.nn.functional.cross_entropy(ignore_index=-100), and its gradient with respect to the logits.

Needs torch (Debian python3-torch). Seeded; re-running writes an identical file.
Run: /usr/bin/python3 engine/src/test/python/tuning_reference.py
"""
import json
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tiny_tokenizer import encode  # noqa: E402

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "llm"
IGNORE_INDEX = -100
SYSTEM_LLAVA_V1 = ("A chat between a curious human and an artificial intelligence assistant. "
                   "The assistant gives helpful, detailed, and polite answers to the human's questions.")
SYSTEM_VICUNA_V1 = ("A chat between a curious user and an artificial intelligence assistant. "
                    "The assistant gives helpful, detailed, and polite answers to the user's questions.")
ROLES = ("USER", "ASSISTANT")
SEP, SEP2 = " ", "</s>"
NUM_FRAMES = 8


class Tok:
    """The tiny tokenizer as transformers would call it: tokenizer(text).input_ids adds <s>."""

    def __init__(self, folder):
        t = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
        self.vocab = dict(t["model"]["vocab"])
        self.vocab.update({a["content"]: a["id"] for a in t["added_tokens"]})
        self.specials = [a["content"] for a in t["added_tokens"]]
        self.ranks = {tuple(m.split(" ")): r for r, m in enumerate(t["model"]["merges"])}
        self.bos = self.vocab["<s>"]

    def input_ids(self, text):
        return [self.bos] + encode(text, self.vocab, self.ranks, self.specials)


def tokenizer_image_token(prompt, tok, image_token_index):
    """videollava/mm_utils.py."""
    prompt_chunks = [tok.input_ids(chunk) for chunk in prompt.split("<image>")]

    def insert_separator(x, sep):
        return [ele for sublist in zip(x, [sep] * len(x)) for ele in sublist][:-1]

    input_ids = []
    offset = 0
    if len(prompt_chunks) > 0 and len(prompt_chunks[0]) > 0 and prompt_chunks[0][0] == tok.bos:
        offset = 1
        input_ids.append(prompt_chunks[0][0])
    for x in insert_separator(prompt_chunks, [image_token_index] * (offset + 1)):
        input_ids.extend(x[offset:])
    return input_ids


def get_prompt(system, messages):
    """conversation.py, SeparatorStyle.TWO."""
    seps = [SEP, SEP2]
    ret = system + seps[0]
    for i, (role, message) in enumerate(messages):
        if message:
            ret += role + ": " + message + seps[i % 2]
        else:
            ret += role + ":"
    return ret


def preprocess_v1(source, tok, system, image_id):
    # preprocess_multimodal: <video> -> num_frames x <image>, in place
    source = [dict(s, value=s["value"].replace("<video>", "<image>" * NUM_FRAMES)) for s in source]
    roles = {"human": ROLES[0], "gpt": ROLES[1]}
    if roles[source[0]["from"]] != ROLES[0]:
        source = source[1:]
    messages = []
    for j, sentence in enumerate(source):
        role = roles[sentence["from"]]
        assert role == ROLES[j % 2]
        messages.append((role, sentence["value"]))
    conversation = get_prompt(system, messages)
    input_ids = tokenizer_image_token(conversation, tok, image_id)
    target = list(input_ids)
    sep = SEP + ROLES[1] + ": "
    total_len = len(target)  # target.ne(pad).sum(); -200 at image positions is not pad
    rounds = conversation.split(SEP2)
    cur_len = 1
    target[:cur_len] = [IGNORE_INDEX] * cur_len
    for rou in rounds:
        if rou == "":
            break
        parts = rou.split(sep)
        if len(parts) != 2:
            break
        parts[0] += sep
        round_len = len(tokenizer_image_token(rou, tok, image_id))
        instruction_len = len(tokenizer_image_token(parts[0], tok, image_id)) - 2
        for p in range(cur_len, min(cur_len + instruction_len, len(target))):
            target[p] = IGNORE_INDEX
        cur_len += round_len
    for p in range(cur_len, len(target)):
        target[p] = IGNORE_INDEX
    mismatch = cur_len != total_len
    if mismatch:
        target = [IGNORE_INDEX] * len(target)
    return conversation, input_ids, target, mismatch


CONVERSATIONS = [
    ("scene-face", SYSTEM_LLAVA_V1, [
        {"from": "human", "value": "<video>\nPlease describe the facial expression."},
        {"from": "gpt", "value": "The man smiles, then frowns."}]),
    ("locate", SYSTEM_LLAVA_V1, [
        {"from": "human", "value": "<video>\nYou will be presented with a video. After watching the video, please "
                                   "locate the timestamp when the implicit visual sentiment Fighting occurs."},
        {"from": "gpt", "value": "The location of Fighting is from 4s to 18s."}]),
    ("two-rounds-vicuna", SYSTEM_VICUNA_V1, [
        {"from": "human", "value": "<video>\nWhat is the implicit visual sentiment in the video?"},
        {"from": "gpt", "value": "The implicit visual sentiment is Fighting."},
        {"from": "human", "value": "Why?"},
        {"from": "gpt", "value": "The attribution is that two people are fighting in the street."}]),
    ("gpt-first", SYSTEM_LLAVA_V1, [
        {"from": "gpt", "value": "Hello."},
        {"from": "human", "value": "<video>\nPlease describe the background."},
        {"from": "gpt", "value": "A caf\u00e9 at night \U0001F600."}]),
    ("assistant-in-question", SYSTEM_LLAVA_V1, [
        {"from": "human", "value": "<video>\nSay ASSISTANT: twice."},
        {"from": "gpt", "value": "No."}]),
]


def loss_reference():
    g = torch.Generator().manual_seed(7)
    b, t, v = 2, 6, 11
    logits = (torch.randn(b, t, v, generator=g) * 2).float().requires_grad_(True)
    labels = torch.randint(0, v, (b, t), generator=g)
    labels[0, :2] = IGNORE_INDEX   # instruction
    labels[1, 4:] = IGNORE_INDEX   # padding
    labels[1, 1] = IGNORE_INDEX
    shift_logits = logits[..., :-1, :].contiguous().view(-1, v)
    shift_labels = labels[..., 1:].contiguous().view(-1)
    loss = torch.nn.functional.cross_entropy(shift_logits, shift_labels, ignore_index=IGNORE_INDEX)
    loss.backward()
    return {"shape": [b, t, v], "logits": [round(x, 6) for x in logits.detach().flatten().tolist()],
            "labels": labels.flatten().tolist(), "loss": loss.item(),
            "supervised": int((shift_labels != IGNORE_INDEX).sum()),
            "grad": logits.grad.flatten().tolist()}


def main():
    tok = Tok(RESOURCES / "tiny-tokenizer")
    image_id = tok.vocab["<image>"]
    convs = []
    for name, system, source in CONVERSATIONS:
        text, ids, labels, mismatch = preprocess_v1(source, tok, system, image_id)
        convs.append({"name": name, "system": system, "turns": source, "text": text, "ids": ids,
                      "labels": labels, "mismatch": mismatch})
    # the logits are rounded to 6 decimals before use so that Java reads exactly the numbers torch used
    ref = loss_reference()
    logits = torch.tensor(ref["logits"]).view(*ref["shape"]).requires_grad_(True)
    labels = torch.tensor(ref["labels"]).view(ref["shape"][0], ref["shape"][1])
    v = ref["shape"][2]
    loss = torch.nn.functional.cross_entropy(logits[..., :-1, :].reshape(-1, v), labels[..., 1:].reshape(-1),
                                             ignore_index=IGNORE_INDEX)
    loss.backward()
    ref["loss"] = loss.item()
    ref["grad"] = logits.grad.flatten().tolist()
    out = RESOURCES / "tiny-tuning"
    out.mkdir(parents=True, exist_ok=True)
    (out / "expected.json").write_text(json.dumps({"conversations": convs, "loss": ref}, ensure_ascii=False)
                                       + "\n", encoding="utf-8")
    for c in convs:
        print(c["name"], len(c["ids"]), "supervised", sum(1 for x in c["labels"] if x != IGNORE_INDEX),
              "mismatch" if c["mismatch"] else "")
    print("loss", ref["loss"], "supervised", ref["supervised"])


if __name__ == "__main__":
    main()
