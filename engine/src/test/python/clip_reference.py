#!/usr/bin/env python3
"""Reference outputs of a tiny CLIP vision tower and mlp2x_gelu projector, the numerical truth for the video
half of org.omnisila.engine.llm (ClipReferenceTest).

Writes, into engine/src/test/resources/llm/tiny-clip/ (or the folder given as the only argument):
  config.json        a Hugging Face CLIPVisionConfig of a tiny tower (image 28, patch 14, width 32, 3 layers,
                     4 heads, intermediate 64) plus the projector's width (mm_hidden_size 32, hidden_size 64)
  model.safetensors  random weights (seeded), float32, Hugging Face names: vision_model.* (including a
                     post_layernorm the LLaVA path does not use) and model.mm_projector.{0,2}.*
  frames.bin         two 8-bit RGB frames (40x30 and 30x44), row-major, each after a 4-byte little-endian
                     width and height
  expected.json      the preprocessed pixels [2, 3, 28, 28], every hidden state [L + 1][2, 5, 32], and the
                     projection of hidden_states[-2] (CLS + patches) [2, 5, 64]
and into the sibling folder tiny-languagebind/ the same tower with LanguageBind's temporal attention
(add_time_attn, 2 frames per video): config.json (under vision_config), model.safetensors, expected.json with
every hidden state of two 2-frame videos made of the pixels above (frames 0, 1, 1, 0).

Plain PyTorch written from Hugging Face's modeling_clip.py (CLIPVisionEmbeddings with a real conv2d,
CLIPAttention, CLIPMLP with quick_gelu, CLIPEncoderLayer, pre_layrnorm, output_hidden_states), LLaVA's
mlp2x_gelu (nn.Linear, nn.GELU(), nn.Linear) and LanguageBind's video transform (x / 255, NormalizeVideo with
OpenAI's mean and std, pytorchvideo's ShortSideScale = F.interpolate bilinear, torchvision's CenterCropVideo),
in that order (the Java side normalises last). The transformers, safetensors, pytorchvideo and torchvision
packages are not installable here, so their few lines are transcribed. The safetensors format is written and
read by hand, as in llama_reference.py.

Run with Debian's torch: /usr/bin/python3 engine/src/test/python/clip_reference.py
CI does not run this: it uses the committed outputs. Re-running it writes identical files.
"""
import json
import math
import re
import struct
import sys
from pathlib import Path

import torch

from safetensors_io import read_safetensors, write_safetensors
import torch.nn.functional as F

SEED = 20240711
CONFIG = {
    "model_type": "clip_vision_model",
    "hidden_act": "quick_gelu",
    "image_size": 28,
    "patch_size": 14,
    "hidden_size": 32,
    "intermediate_size": 64,
    "num_hidden_layers": 3,
    "num_attention_heads": 4,
    "num_channels": 3,
    "layer_norm_eps": 1e-5,
    "mm_hidden_size": 32,
    "projector_hidden_size": 64,
    "mm_projector_type": "mlp2x_gelu",
    "torch_dtype": "float32",
}
MEAN = (0.48145466, 0.4578275, 0.40821073)
STD = (0.26862954, 0.26130258, 0.27577711)
# LanguageBind's video tower: the same, with temporal attention across the frames of each video (modeling_video.py)
TIME_CONFIG = {"model_type": "LanguageBindVideo",
               "vision_config": dict({k: v for k, v in CONFIG.items() if not k.startswith(("mm_", "projector"))},
                                     add_time_attn=True, num_frames=2)}
FRAME_SIZES = [(40, 30), (30, 44)]  # (width, height): one landscape, one portrait; both crops round half to even


# ---------------------------------------------------------------- files
def random_weights(cfg, g):
    w_, i_, p = cfg["hidden_size"], cfg["intermediate_size"], cfg["patch_size"]
    positions = 1 + (cfg["image_size"] // p) ** 2
    d = cfg.get("projector_hidden_size")

    def normal(*shape, std):
        return torch.randn(*shape, generator=g, dtype=torch.float32) * std

    def norm(prefix, w):  # weights around 1 and biases around 0, not exactly: a missing one must show
        w[prefix + ".weight"] = 1.0 + normal(w_, std=0.1)
        w[prefix + ".bias"] = normal(w_, std=0.1)

    w = {
        "vision_model.embeddings.patch_embedding.weight": normal(w_, 3, p, p, std=1 / math.sqrt(3 * p * p)),
        "vision_model.embeddings.class_embedding": normal(w_, std=1.0),
        "vision_model.embeddings.position_embedding.weight": normal(positions, w_, std=0.5),
    }
    norm("vision_model.pre_layrnorm", w)
    for layer in range(cfg["num_hidden_layers"]):
        q = f"vision_model.encoder.layers.{layer}."
        for proj in ("q_proj", "k_proj", "v_proj", "out_proj"):
            w[q + f"self_attn.{proj}.weight"] = normal(w_, w_, std=1 / math.sqrt(w_))
            w[q + f"self_attn.{proj}.bias"] = normal(w_, std=0.1)
        norm(q + "layer_norm1", w)
        norm(q + "layer_norm2", w)
        w[q + "mlp.fc1.weight"] = normal(i_, w_, std=1 / math.sqrt(w_))
        w[q + "mlp.fc1.bias"] = normal(i_, std=0.1)
        w[q + "mlp.fc2.weight"] = normal(w_, i_, std=1 / math.sqrt(i_))
        w[q + "mlp.fc2.bias"] = normal(w_, std=0.1)
        if cfg.get("add_time_attn"):
            w[q + "temporal_embedding"] = normal(1, cfg["num_frames"], w_, std=0.5)
            for proj in ("q_proj", "k_proj", "v_proj", "out_proj"):
                w[q + f"temporal_attn.{proj}.weight"] = normal(w_, w_, std=1 / math.sqrt(w_))
                w[q + f"temporal_attn.{proj}.bias"] = normal(w_, std=0.1)
            norm(q + "temporal_layer_norm1", w)
    norm("vision_model.post_layernorm", w)
    if "projector_hidden_size" not in cfg:
        return w
    w["model.mm_projector.0.weight"] = normal(d, w_, std=1 / math.sqrt(w_))
    w["model.mm_projector.0.bias"] = normal(d, std=0.1)
    w["model.mm_projector.2.weight"] = normal(d, d, std=1 / math.sqrt(d))
    w["model.mm_projector.2.bias"] = normal(d, std=0.1)
    return w


# ---------------------------------------------------------------- LanguageBind's video transform
def short_side_scale(x, size):  # pytorchvideo.transforms.functional.short_side_scale, x [C, T, H, W]
    c, t, h, w = x.shape
    if w < h:
        new_h, new_w = int(math.floor((float(h) / w) * size)), size
    else:
        new_h, new_w = size, int(math.floor((float(w) / h) * size))
    return F.interpolate(x, size=(new_h, new_w), mode="bilinear", align_corners=False)


def center_crop(x, size):  # torchvision's _functional_video.center_crop, x [C, T, H, W]
    h, w = x.shape[-2:]
    i, j = int(round((h - size) / 2.0)), int(round((w - size) / 2.0))
    return x[..., i:i + size, j:j + size]


def preprocess(frame, size):
    """frame: uint8 [H, W, 3] -> float [3, S, S]. One frame as a one-frame video [C, T=1, H, W]."""
    x = frame.permute(2, 0, 1).unsqueeze(1).float() / 255.0
    x = (x - torch.tensor(MEAN).view(3, 1, 1, 1)) / torch.tensor(STD).view(3, 1, 1, 1)
    x = center_crop(short_side_scale(x, size), size)
    return x[:, 0]


# ---------------------------------------------------------------- the tower, as modeling_clip.py computes it
def attention(cfg, w, p, x):
    f, n, width = x.shape
    h = cfg["num_attention_heads"]
    d = width // h
    scale = d ** -0.5
    q = F.linear(x, w[p + "q_proj.weight"], w[p + "q_proj.bias"]) * scale
    k = F.linear(x, w[p + "k_proj.weight"], w[p + "k_proj.bias"])
    v = F.linear(x, w[p + "v_proj.weight"], w[p + "v_proj.bias"])

    def heads(t):
        return t.view(f, n, h, d).transpose(1, 2)  # [F, H, N, D]

    probs = torch.softmax(heads(q) @ heads(k).transpose(-1, -2), dim=-1)  # [F, H, N, N]
    out = (probs @ heads(v)).transpose(1, 2).reshape(f, n, width)
    return F.linear(out, w[p + "out_proj.weight"], w[p + "out_proj.bias"])


def quick_gelu(x):
    return x * torch.sigmoid(1.702 * x)


def layer_norm(cfg, w, p, x):
    return F.layer_norm(x, (x.shape[-1],), w[p + ".weight"], w[p + ".bias"], cfg["layer_norm_eps"])


def hidden_states(cfg, w, pixels):
    """pixels [F, 3, S, S] -> [hidden_states[0], ..., hidden_states[L]], each [F, 1 + G^2, W]."""
    e = "vision_model.embeddings."
    patches = F.conv2d(pixels, w[e + "patch_embedding.weight"], stride=cfg["patch_size"])  # [F, W, G, G]
    patches = patches.flatten(2).transpose(1, 2)  # [F, G^2, W]
    cls = w[e + "class_embedding"].expand(pixels.shape[0], 1, -1)
    x = torch.cat([cls, patches], dim=1) + w[e + "position_embedding.weight"][None]
    x = layer_norm(cfg, w, "vision_model.pre_layrnorm", x)
    states = [x]
    for layer in range(cfg["num_hidden_layers"]):
        p = f"vision_model.encoder.layers.{layer}."
        if cfg.get("add_time_attn"):  # LanguageBind's CLIPEncoderLayer: temporal attention first
            t = cfg["num_frames"]
            bt, n, d = x.shape
            if t != 1:
                x = (x.view(bt // t, t, n, d) + w[p + "temporal_embedding"][:, :t, None, :]).view(bt, n, d)
            h = x.view(bt // t, t, n, d).transpose(1, 2).reshape(bt // t * n, t, d)  # '(b t) n d -> (b n) t d'
            h = attention(cfg, w, p + "temporal_attn.", layer_norm(cfg, w, p + "temporal_layer_norm1", h))
            x = x + h.view(bt // t, n, t, d).transpose(1, 2).reshape(bt, n, d)  # '(b n) t d -> (b t) n d'
        x = x + attention(cfg, w, p + "self_attn.", layer_norm(cfg, w, p + "layer_norm1", x))
        h = layer_norm(cfg, w, p + "layer_norm2", x)
        h = F.linear(quick_gelu(F.linear(h, w[p + "mlp.fc1.weight"], w[p + "mlp.fc1.bias"])),
                     w[p + "mlp.fc2.weight"], w[p + "mlp.fc2.bias"])
        x = x + h
        states.append(x)
    return states


def project(w, x):  # LLaVA's mlp2x_gelu: nn.Sequential(nn.Linear, nn.GELU(), nn.Linear)
    h = F.gelu(F.linear(x, w["model.mm_projector.0.weight"], w["model.mm_projector.0.bias"]))
    return F.linear(h, w["model.mm_projector.2.weight"], w["model.mm_projector.2.bias"])


def rounded(t):
    return [float(f"{v:.9g}") for v in t.flatten().tolist()]


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(__file__).resolve().parents[1] / "resources" / "llm" / "tiny-clip"
    out.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(SEED)
    (out / "config.json").write_text(json.dumps(CONFIG, indent=2) + "\n")
    write_safetensors(out / "model.safetensors", random_weights(CONFIG, g))
    frames = [torch.randint(0, 256, (h, w, 3), generator=g, dtype=torch.uint8) for w, h in FRAME_SIZES]
    with open(out / "frames.bin", "wb") as f:
        for frame in frames:
            f.write(struct.pack("<ii", frame.shape[1], frame.shape[0]))
            f.write(frame.numpy().tobytes())
    w = read_safetensors(out / "model.safetensors")
    with torch.no_grad():
        pixels = torch.stack([preprocess(fr, CONFIG["image_size"]) for fr in frames])  # [F, 3, S, S]
        states = hidden_states(CONFIG, w, pixels)
        projected = project(w, states[-2])  # Video-LLaVA: layer -2, all tokens (CLS + patches)
    expected = {
        "generator": "engine/src/test/python/clip_reference.py",
        "torch": torch.__version__,
        "pixelsShape": list(pixels.shape),
        "pixels": rounded(pixels),
        "hiddenShape": list(states[0].shape),
        "hiddenStates": [rounded(s) for s in states],
        "projectedShape": list(projected.shape),
        "projected": rounded(projected),
    }
    text = json.dumps(expected, indent=1)
    text = re.sub(r"\[\s+([^\[\]]*?)\s+\]", lambda m: "[" + re.sub(r"\s+", " ", m.group(1)) + "]", text)
    (out / "expected.json").write_text(text + "\n")
    # LanguageBind's temporal variant: two videos of two frames each, made of the same pixels
    time_out = out.parent / "tiny-languagebind"
    time_out.mkdir(parents=True, exist_ok=True)
    tc = TIME_CONFIG["vision_config"]
    (time_out / "config.json").write_text(json.dumps(TIME_CONFIG, indent=2) + "\n")
    write_safetensors(time_out / "model.safetensors", random_weights(tc, g))
    tw = read_safetensors(time_out / "model.safetensors")
    with torch.no_grad():
        videos = torch.stack([pixels[0], pixels[1], pixels[1], pixels[0]])  # [B*T = 4, 3, S, S]
        time_states = hidden_states(tc, tw, videos)
    time_expected = {
        "generator": "engine/src/test/python/clip_reference.py",
        "torch": torch.__version__,
        "frames": "pixels of tiny-clip's expected.json, frames 0, 1, 1, 0 (two videos of two frames)",
        "hiddenShape": list(time_states[0].shape),
        "hiddenStates": [rounded(s) for s in time_states],
    }
    text = json.dumps(time_expected, indent=1)
    text = re.sub(r"\[\s+([^\[\]]*?)\s+\]", lambda m: "[" + re.sub(r"\s+", " ", m.group(1)) + "]", text)
    (time_out / "expected.json").write_text(text + "\n")
    print(f"wrote {out}: pixels {tuple(pixels.shape)}, {len(states)} hidden states {tuple(states[0].shape)}, "
          f"projected {tuple(projected.shape)}, |projected| max {projected.abs().max():.3f}")


if __name__ == "__main__":
    main()
