#!/usr/bin/env python3
"""Reference outputs of a LoRA adapter on the tiny LLaMA, the numerical truth for org.omnisila.engine.llm.lora
(LoraReferenceTest).

Writes, into engine/src/test/resources/llm/tiny-lora/ (or the folder given as the only argument):
  adapter_config.json        PEFT's LoraConfig as save_pretrained writes it (r 4, alpha 16, targets q_proj,
                             v_proj, o_proj, gate_proj)
  adapter_model.safetensors  lora_A [r, in] and lora_B [out, r] of every targeted module, under PEFT's keys
                             base_model.model.<module>.lora_A.weight (float32, seeded)
  expected.json              the logits of llama_reference.py's 12-token sequence with the adapter, unmerged,
                             and the greedy continuation of 8 tokens

The base model is the committed tiny-llama fixture, computed by llama_reference.py's own functions. The adapter
enters as PEFT's LoRA Linear.forward computes it (peft/tuners/lora/layer.py, unmerged):
    result = base_layer(x) + lora_B(lora_A(dropout(x))) * scaling,   scaling = lora_alpha / r
with dropout the identity at inference. B is random (PEFT initialises it to zero, which would not show), larger
than training would make it so that the logits change visibly.

Run with Debian's torch: /usr/bin/python3 engine/src/test/python/lora_reference.py
Re-running it writes identical adapter files.
"""
import json
import math
import re
import sys
from pathlib import Path

import torch

import llama_reference as ref
from safetensors_io import read_safetensors, write_safetensors

SEED = 20250101
R, ALPHA = 4, 16
TARGETS = ["q_proj", "v_proj", "o_proj", "gate_proj"]
PREFIX = "base_model.model."
# adapter_config.json as PEFT 0.x writes it for a LLaMA (the fields LoraConfig saves that matter here)
ADAPTER_CONFIG = {
    "peft_type": "LORA",
    "task_type": "CAUSAL_LM",
    "base_model_name_or_path": "tiny-llama",
    "r": R,
    "lora_alpha": ALPHA,
    "lora_dropout": 0.05,
    "target_modules": TARGETS,
    "bias": "none",
    "fan_in_fan_out": False,
    "use_rslora": False,
    "use_dora": False,
    "modules_to_save": None,
    "rank_pattern": {},
    "alpha_pattern": {},
    "init_lora_weights": True,
    "inference_mode": True,
    "layers_to_transform": None,
    "layers_pattern": None,
    "revision": None,
}


def targeted(base):
    """Module paths (parameter names without .weight) that PEFT's list rule matches: equal or ends with .target."""
    names = [n[:-len(".weight")] for n in base if n.endswith(".weight")]
    return [n for n in names if n in TARGETS or any(n.endswith("." + t) for t in TARGETS)]


def random_adapter(base):
    g = torch.Generator().manual_seed(SEED)
    out = {}
    for module in sorted(targeted(base)):
        w_out, w_in = base[module + ".weight"].shape
        # A as PEFT initialises it (kaiming_uniform, a = sqrt(5): U(-1/sqrt(in), 1/sqrt(in))); B random, not 0
        a = (torch.rand(R, w_in, generator=g) * 2 - 1) / math.sqrt(w_in)
        b = torch.randn(w_out, R, generator=g) * 0.1
        out[PREFIX + module + ".lora_A.weight"] = a
        out[PREFIX + module + ".lora_B.weight"] = b
    return out


class LoraLinear:
    """Stands for a weight W in llama_reference's `x @ w[name].T`: x W^T + (x A^T B^T) * scaling, as PEFT."""

    def __init__(self, weight, a, b, scaling):
        self.weight, self.a, self.b, self.scaling = weight, a, b, scaling

    @property
    def T(self):
        return self

    def __rmatmul__(self, x):
        return x @ self.weight.T + (x @ self.a.T @ self.b.T) * self.scaling


def with_adapter(base, adapter):
    scaling = ALPHA / R
    w = dict(base)
    for module in targeted(base):
        w[module + ".weight"] = LoraLinear(base[module + ".weight"], adapter[PREFIX + module + ".lora_A.weight"],
                                           adapter[PREFIX + module + ".lora_B.weight"], scaling)
    return w


def main():
    here = Path(__file__).resolve().parents[1] / "resources" / "llm"
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else here / "tiny-lora"
    out.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(1)
    cfg = json.loads((here / "tiny-llama" / "config.json").read_text())
    base = read_safetensors(here / "tiny-llama" / "model.safetensors")
    (out / "adapter_config.json").write_text(json.dumps(ADAPTER_CONFIG, indent=2) + "\n")
    write_safetensors(out / "adapter_model.safetensors", random_adapter(base))
    adapter = read_safetensors(out / "adapter_model.safetensors")
    w = with_adapter(base, adapter)
    with torch.no_grad():
        logits = ref.forward(cfg, w, ref.TOKENS)
        plain = ref.forward(cfg, base, ref.TOKENS)
        continuation, margin = ref.greedy(cfg, w, ref.TOKENS, ref.NEW_TOKENS)
    change = float((logits - plain).abs().max())
    expected = {
        "generator": "engine/src/test/python/lora_reference.py",
        "torch": torch.__version__,
        "tokens": ref.TOKENS,
        "logits": [[float(f"{v:.9g}") for v in row] for row in logits.tolist()],
        "greedy": continuation,
        "greedyMinTop2Margin": round(margin, 6),
        "maxChangeFromBase": round(change, 6),
    }
    text = json.dumps(expected, indent=1)
    text = re.sub(r"\[\s+([^\[\]]*?)\s+\]", lambda m: "[" + re.sub(r"\s+", " ", m.group(1)) + "]", text)
    (out / "expected.json").write_text(text + "\n")
    print(f"wrote {out}: {len(adapter)} tensors, logits {tuple(logits.shape)}, greedy {continuation}, "
          f"smallest top-2 margin {margin:.4f}, largest change from the base {change:.4f}")


if __name__ == "__main__":
    main()
