#!/usr/bin/env python3
"""Reference outputs of a tiny Video-LLaVA with the ICM's scene tokens, the numerical truth for
org.omnisila.engine.llm.video (VideoLlavaReferenceTest).

Writes engine/src/test/resources/llm/tiny-video-llava/ (or the folder given as the only argument):
  config.json        a LLaVA-layout config (LlavaLlamaForCausalLM): the tiny decoder's LLaMA fields (hidden 32,
                     2 layers, 4 heads, 2 KV heads, vocab 419 = the tiny tokenizer's), the mm_* fields of
                     Video-LLaVA-7B (mlp2x_gelu, select layer -2, select feature "patch", mm_hidden_size) and the
                     tower's CLIP settings under vision_config (image 28, patch 14 -> 5 tokens per frame,
                     LanguageBind's temporal attention over 8 frames)
  model.safetensors  random weights (seeded), float32: model.* and lm_head.weight (the decoder, as
                     llama_reference.py makes them), model.mm_projector.{0,2}.*, and the tower's vision_model
                     under model.video_tower.video_tower.* (Video-LLaVA's module path: LanguageBindVideoTower keeps
                     LanguageBind's vision_model as its video_tower attribute)
  tokenizer files    copied from tiny-tokenizer
  frames.bin         8 x 3 x 28 x 28 bytes; the pixels are byte / 64 - 2 (exact in float32)
  expected.json      the prompt (the tiny tokenizer's Vicuna prompt with 8 <image> placeholders), the scene tokens
                     [8, 32] (random, instead of running the SBM), and for NONE, ADD, APPEND (no labels: the whole
                     prompt is text) and ADD with labels (prompt + answer, ADD only before the answer): the
                     sequence length, logits[:, :4] at every position, the full logits of the last 2 positions,
                     and a greedy continuation of 6 tokens (recomputed without cache)

The multimodal input is Video-LLaVA's prepare_inputs_labels_for_multimodal for one video: the ids' embeddings,
each <image> placeholder replaced by one frame's projected tokens (layer -2 of the tower, CLS + patches), in order.
ADD (the paper): mean over frames of the scene tokens added at every text position before the first supervised
label. APPEND (Hawkeye): the scene tokens inserted after the last video token.

Run with Debian's torch: /usr/bin/python3 engine/src/test/python/video_llava_reference.py
"""
import json
import re
import shutil
import sys
from pathlib import Path

import torch

import clip_reference as clip
import llama_reference as llama
from safetensors_io import read_safetensors, write_safetensors

SEED = 20241205
FRAMES = 8
TOWER = {
    "model_type": "clip_vision_model", "hidden_act": "quick_gelu", "image_size": 28, "patch_size": 14,
    "hidden_size": 16, "intermediate_size": 32, "num_hidden_layers": 2, "num_attention_heads": 2,
    "num_channels": 3, "layer_norm_eps": 1e-5, "add_time_attn": True, "num_frames": FRAMES,
}
DECODER = dict(llama.CONFIG, hidden_size=32, intermediate_size=64, vocab_size=419, max_position_embeddings=256,
               pad_token_id=0)
CONFIG = dict(DECODER, architectures=["LlavaLlamaForCausalLM"], model_type="llava",
              mm_projector_type="mlp2x_gelu", mm_hidden_size=16, mm_vision_select_layer=-2,
              mm_vision_select_feature="patch", mm_video_tower="LanguageBind/LanguageBind_Video_merge",
              mm_use_im_start_end=False, mm_use_im_patch_token=False, vision_config=TOWER)
TOWER_PREFIX = "model.video_tower.video_tower."
ANSWER = [331, 316, 333, 282, 2]  # labelled answer for the training case (any ids; the last is </s>)
NEW_TOKENS = 6
IGNORE_INDEX = -100


def rounded(t):
    return [float(f"{v:.9g}") for v in t.flatten().tolist()]


def decoder_logits(w, x):
    """modeling_llama.py's forward from inputs_embeds x [1, L, d] (one sequence, no padding) -> [L, V]."""
    cfg = DECODER
    cos, sin = llama.rotary_cos_sin(cfg, torch.arange(x.shape[1]))
    eps = cfg["rms_norm_eps"]
    for i in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{i}."
        x = x + llama.attention(cfg, w, p + "self_attn.", llama.rms_norm(x, w[p + "input_layernorm.weight"], eps),
                                cos, sin)
        x = x + llama.mlp(w, p + "mlp.", llama.rms_norm(x, w[p + "post_attention_layernorm.weight"], eps))
    x = llama.rms_norm(x, w["model.norm.weight"], eps)
    return (x @ w["lm_head.weight"].T)[0]


def multimodal(w, ids, positions, video, scene, mode, labels=None):
    """prepare_inputs_labels_for_multimodal for one video, with the ICM's scene tokens by mode."""
    emb = w["model.embed_tokens.weight"]
    text = emb[torch.tensor(ids)]  # [T, d]
    if mode == "ADD":
        end = len(ids) if labels is None else next(i for i, l in enumerate(labels) if l != IGNORE_INDEX)
        text = text.clone()
        text[:end] += scene.mean(0)
    pieces, start = [], 0
    for k, pos in enumerate(positions):
        pieces += [text[start:pos], video[k]]
        start = pos + 1
        if mode == "APPEND" and k == len(positions) - 1:
            pieces.append(scene)
    pieces.append(text[start:])
    return torch.cat(pieces)[None]  # [1, L, d]


def greedy(w, x, n):
    emb, out = w["model.embed_tokens.weight"], []
    for _ in range(n):
        token = int(torch.argmax(decoder_logits(w, x)[-1]))
        out.append(token)
        x = torch.cat([x, emb[token][None, None]], dim=1)  # generated tokens get no scene vector
    return out


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(__file__).resolve().parents[1] / "resources" / "llm" / "tiny-video-llava"
    out.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(1)
    tokenizer_dir = Path(__file__).resolve().parents[1] / "resources" / "llm" / "tiny-tokenizer"
    for name in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        shutil.copy(tokenizer_dir / name, out / name)
    prompt = json.loads((tokenizer_dir / "expected.json").read_text())["prompt"]
    ids, positions = prompt["ids"], prompt["image_positions"]
    g = torch.Generator().manual_seed(SEED)
    w = llama.random_weights(DECODER)
    tower = clip.random_weights(dict(TOWER, projector_hidden_size=DECODER["hidden_size"]), g)
    for k, v in tower.items():
        w[k if k.startswith("model.mm_projector") else TOWER_PREFIX + k[len("vision_model."):]] = v
    (out / "config.json").write_text(json.dumps(CONFIG, indent=2) + "\n")
    write_safetensors(out / "model.safetensors", w)
    frames = torch.randint(0, 256, (FRAMES, 3, 28, 28), generator=g, dtype=torch.uint8)
    (out / "frames.bin").write_bytes(frames.numpy().tobytes())
    scene = torch.randn(FRAMES, DECODER["hidden_size"], generator=g) * 0.5
    w = read_safetensors(out / "model.safetensors")
    tw = {"vision_model." + k[len(TOWER_PREFIX):]: v for k, v in w.items() if k.startswith(TOWER_PREFIX)}
    tw.update({k: v for k, v in w.items() if k.startswith("model.mm_projector")})
    expected = {"generator": "engine/src/test/python/video_llava_reference.py", "torch": torch.__version__,
                "ids": ids, "imagePositions": positions, "answer": ANSWER,
                "sceneTokens": rounded(scene), "cases": {}}
    with torch.no_grad():
        pixels = frames.float() / 64 - 2  # [F, 3, S, S]
        video = clip.project(tw, clip.hidden_states(TOWER, tw, pixels)[-2])  # [F, 5, d]
        expected["videoTokens"] = rounded(video)
        labels = [IGNORE_INDEX] * len(ids) + ANSWER
        cases = [("NONE", None), ("ADD", None), ("APPEND", None), ("ADD_LABELLED", labels)]
        for name, lab in cases:
            mode = name.split("_")[0]
            x = multimodal(w, ids + ANSWER if lab else ids, positions, video, scene, mode, lab)
            logits = decoder_logits(w, x)
            expected["cases"][name] = {
                "length": x.shape[1],
                "firstColumns": rounded(logits[:, :4]),
                "lastRows": rounded(logits[-2:]),
                "greedy": None if lab else greedy(w, x, NEW_TOKENS),
            }
    text = json.dumps(expected, indent=1)
    text = re.sub(r"\[\s+([^\[\]]*?)\s+\]", lambda m: "[" + re.sub(r"\s+", " ", m.group(1)) + "]", text)
    (out / "expected.json").write_text(text + "\n")
    print(f"wrote {out}: video tokens {tuple(video.shape)}, lengths "
          f"{[c['length'] for c in expected['cases'].values()]}, greedy {[c['greedy'] for c in expected['cases'].values()]}")


if __name__ == "__main__":
    main()
