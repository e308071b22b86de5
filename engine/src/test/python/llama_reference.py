#!/usr/bin/env python3
"""Reference outputs of a tiny LLaMA, the numerical truth for org.omnisila.engine.llm (LlamaReferenceTest).

Writes, into engine/src/test/resources/llm/tiny-llama/ (or the folder given as the only argument):
  config.json        a Hugging Face LlamaConfig of a tiny model (2 layers, hidden 64, 4 heads, 2 KV heads)
  model.safetensors  its random weights (seeded), float32, Hugging Face parameter names
  expected.json      the logits of a fixed token sequence and the greedy continuation of 8 tokens

The model below is plain PyTorch written from Hugging Face's modeling_llama.py (LlamaRMSNorm,
LlamaRotaryEmbedding + rotate_half, repeat_kv, LlamaAttention with the causal mask and a float32 softmax,
LlamaMLP, LlamaDecoderLayer, LlamaForCausalLM), because the transformers library cannot be installed on
these machines. It reads its weights back from the safetensors file it wrote, so Java and Python use the
very same bytes. The safetensors format is written and read by hand (8-byte little-endian header length, a
JSON header, raw little-endian bytes), as the safetensors package is not available from Debian either.

Run with Debian's torch (apt-get install -y python3-torch python3-numpy):
  /usr/bin/python3 engine/src/test/python/llama_reference.py
CI does not run this: it uses the committed outputs. Re-running it writes identical weights; the logits in
expected.json can move in the last digits (1.3e-6 on another machine on 2026-12-05: CPU kernels and threads differ).
"""
import json
import math
import re
import sys
from pathlib import Path

import torch

from safetensors_io import read_safetensors, write_safetensors

SEED = 20240607
# The paper-less parts of the config (ids, max positions) follow Vicuna-7B's config.json.
CONFIG = {
    "architectures": ["LlamaForCausalLM"],
    "model_type": "llama",
    "hidden_act": "silu",
    "hidden_size": 64,
    "intermediate_size": 128,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,
    "rms_norm_eps": 1e-5,
    "rope_theta": 10000.0,
    "rope_scaling": None,
    "vocab_size": 101,
    "max_position_embeddings": 64,
    "tie_word_embeddings": False,
    "bos_token_id": 1,
    "eos_token_id": 2,
    "pad_token_id": 0,
    "torch_dtype": "float32",
}
TOKENS = [1, 17, 42, 5, 99, 3, 64, 28, 77, 12, 50, 8]
NEW_TOKENS = 8


# ---------------------------------------------------------------- weights
def random_weights(cfg):
    """Weights in Hugging Face's names and [out, in] layout. Larger than HF's init (std 0.02) on purpose:
    with std 0.02 the tiny model's logits are nearly flat and greedy choices would hinge on 1e-6."""
    g = torch.Generator().manual_seed(SEED)
    h, inter, v = cfg["hidden_size"], cfg["intermediate_size"], cfg["vocab_size"]
    hd = h // cfg["num_attention_heads"]
    kv = cfg["num_key_value_heads"] * hd

    def normal(*shape, std):
        return torch.randn(*shape, generator=g, dtype=torch.float32) * std

    def norm_weight():  # around 1, not 1: a missing norm weight must show
        return 1.0 + normal(h, std=0.1)

    w = {"model.embed_tokens.weight": normal(v, h, std=1.0)}
    for i in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{i}."
        w[p + "input_layernorm.weight"] = norm_weight()
        w[p + "self_attn.q_proj.weight"] = normal(h, h, std=1 / math.sqrt(h))
        w[p + "self_attn.k_proj.weight"] = normal(kv, h, std=1 / math.sqrt(h))
        w[p + "self_attn.v_proj.weight"] = normal(kv, h, std=1 / math.sqrt(h))
        w[p + "self_attn.o_proj.weight"] = normal(h, h, std=1 / math.sqrt(h))
        w[p + "post_attention_layernorm.weight"] = norm_weight()
        w[p + "mlp.gate_proj.weight"] = normal(inter, h, std=1 / math.sqrt(h))
        w[p + "mlp.up_proj.weight"] = normal(inter, h, std=1 / math.sqrt(h))
        w[p + "mlp.down_proj.weight"] = normal(h, inter, std=1 / math.sqrt(inter))
    w["model.norm.weight"] = norm_weight()
    w["lm_head.weight"] = normal(v, h, std=1 / math.sqrt(h))
    return w


# ---------------------------------------------------------------- safetensors by hand
# ---------------------------------------------------------------- the model, as modeling_llama.py computes it
def rms_norm(x, weight, eps):
    input_dtype = x.dtype
    x = x.to(torch.float32)
    variance = x.pow(2).mean(-1, keepdim=True)
    x = x * torch.rsqrt(variance + eps)
    return weight * x.to(input_dtype)


def rotary_cos_sin(cfg, positions):
    dim = cfg["hidden_size"] // cfg["num_attention_heads"]
    inv_freq = 1.0 / (cfg["rope_theta"] ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim))
    freqs = positions.float()[:, None] * inv_freq[None, :]  # [T, dim/2]
    emb = torch.cat((freqs, freqs), dim=-1)  # [T, dim]
    return emb.cos(), emb.sin()


def rotate_half(x):
    x1 = x[..., : x.shape[-1] // 2]
    x2 = x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def apply_rotary(q, k, cos, sin):
    cos, sin = cos[None, None], sin[None, None]  # [1, 1, T, dim]
    return q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin


def repeat_kv(x, n_rep):
    b, kv_heads, t, hd = x.shape
    if n_rep == 1:
        return x
    return x[:, :, None, :, :].expand(b, kv_heads, n_rep, t, hd).reshape(b, kv_heads * n_rep, t, hd)


def attention(cfg, w, p, x, cos, sin):
    b, t, _ = x.shape
    heads, kv_heads = cfg["num_attention_heads"], cfg["num_key_value_heads"]
    hd = cfg["hidden_size"] // heads
    q = (x @ w[p + "q_proj.weight"].T).view(b, t, heads, hd).transpose(1, 2)
    k = (x @ w[p + "k_proj.weight"].T).view(b, t, kv_heads, hd).transpose(1, 2)
    v = (x @ w[p + "v_proj.weight"].T).view(b, t, kv_heads, hd).transpose(1, 2)
    q, k = apply_rotary(q, k, cos, sin)
    k, v = repeat_kv(k, heads // kv_heads), repeat_kv(v, heads // kv_heads)
    scores = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(hd)
    mask = torch.full((t, t), torch.finfo(torch.float32).min).triu(1)  # 0 on and below the diagonal
    scores = scores + mask[None, None]
    probs = torch.softmax(scores, dim=-1, dtype=torch.float32).to(q.dtype)
    out = torch.matmul(probs, v).transpose(1, 2).reshape(b, t, heads * hd)
    return out @ w[p + "o_proj.weight"].T


def mlp(w, p, x):
    gate = torch.nn.functional.silu(x @ w[p + "gate_proj.weight"].T)
    return (gate * (x @ w[p + "up_proj.weight"].T)) @ w[p + "down_proj.weight"].T


def forward(cfg, w, tokens):
    ids = torch.tensor([tokens])
    x = w["model.embed_tokens.weight"][ids]  # [1, T, h]
    cos, sin = rotary_cos_sin(cfg, torch.arange(len(tokens)))
    eps = cfg["rms_norm_eps"]
    for i in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{i}."
        x = x + attention(cfg, w, p + "self_attn.", rms_norm(x, w[p + "input_layernorm.weight"], eps), cos, sin)
        x = x + mlp(w, p + "mlp.", rms_norm(x, w[p + "post_attention_layernorm.weight"], eps))
    x = rms_norm(x, w["model.norm.weight"], eps)
    return (x @ w["lm_head.weight"].T)[0]  # [T, vocab]


def greedy(cfg, w, tokens, n):
    """Recomputes the whole sequence at every step (no cache), as the truth for the cached Java decoder."""
    seq, margins = list(tokens), []
    for _ in range(n):
        last = forward(cfg, w, seq)[-1]
        top2 = torch.topk(last, 2).values
        margins.append(float(top2[0] - top2[1]))
        seq.append(int(torch.argmax(last)))
    return seq[len(tokens):], min(margins)


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else \
        Path(__file__).resolve().parents[1] / "resources" / "llm" / "tiny-llama"
    out.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(1)
    (out / "config.json").write_text(json.dumps(CONFIG, indent=2) + "\n")
    write_safetensors(out / "model.safetensors", random_weights(CONFIG))
    w = read_safetensors(out / "model.safetensors")
    with torch.no_grad():
        logits = forward(CONFIG, w, TOKENS)
        continuation, margin = greedy(CONFIG, w, TOKENS, NEW_TOKENS)
    expected = {
        "generator": "engine/src/test/python/llama_reference.py",
        "torch": torch.__version__,
        "tokens": TOKENS,
        "logits": [[float(f"{v:.9g}") for v in row] for row in logits.tolist()],
        "greedy": continuation,
        "greedyMinTop2Margin": round(margin, 6),
    }
    # one logits row per line: readable in a diff, and 12 rows need no more
    text = json.dumps(expected, indent=1)
    text = re.sub(r"\[\s+([^\[\]]*?)\s+\]", lambda m: "[" + re.sub(r"\s+", " ", m.group(1)) + "]", text)
    (out / "expected.json").write_text(text + "\n")
    print(f"wrote {out}: logits {tuple(logits.shape)}, greedy {continuation}, smallest top-2 margin {margin:.4f}")


if __name__ == "__main__":
    main()
