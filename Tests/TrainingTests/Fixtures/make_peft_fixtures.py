"""Makes the PEFT fixtures of the training tests with PyTorch, transformers and PEFT themselves.

Made with torch 2.15.0, transformers 5.24.0, peft 0.21.2 (pip install torch peft safetensors).
Every model is a tiny randomly initialised one built from a config here (weights of standard
deviation 0.3, so logits are far from uniform and a wrong layer shows); nothing is downloaded.

- qwen2_tiny_model/: a 2-layer Qwen2ForCausalLM (hidden 16, 4 query / 2 key-value heads).
- peft_qwen2_adapter/: LoRA r=4, alpha=8 on q_proj and v_proj, saved by PeftModel.save_pretrained,
  with init_lora_weights=False so that B is not zero and the adapter changes the output.
- peft_qwen2_reference.safetensors: layer 1's q_proj base weight and bias, an input x [3, 16] and
  the PEFT LoRA layer's output y for it (eval mode), plus tokens, labels, the whole PEFT model's
  logits and its loss for them.
- gpt2_tiny_model/ and gpt2_tiny_adapter/: a 1-layer GPT-2 and a LoRA on c_attn (fan_in_fan_out),
  and gpt2_tiny_merged_reference.safetensors: c_attn's weight after PEFT's merge_and_unload.
- opt_tiny_model/: a 2-layer OPTForCausalLM (pre-LayerNorm, positions offset by 2).
- base_losses.safetensors: transformers' loss and logits of the GPT-2 and OPT base models for
  one batch ("tokens", "labels", "<family>_loss", "<family>_logits").

Run from this folder: /work/venvs/training/bin/python make_peft_fixtures.py
"""
import json
import os
import shutil

import torch
from peft import LoraConfig, get_peft_model
from safetensors.torch import save_file
from transformers import GPT2Config, GPT2LMHeadModel, OPTConfig, OPTForCausalLM, Qwen2Config, Qwen2ForCausalLM

torch.manual_seed(2026)


def fresh(folder):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)


# Qwen2.
config = Qwen2Config(vocab_size=32, hidden_size=16, intermediate_size=24, num_hidden_layers=2, num_attention_heads=4,
                     num_key_value_heads=2, max_position_embeddings=64, rms_norm_eps=1e-6, rope_theta=10000.0,
                     tie_word_embeddings=False, initializer_range=0.3)
base = Qwen2ForCausalLM(config).eval()
fresh("qwen2_tiny_model")
base.save_pretrained("qwen2_tiny_model", safe_serialization=True)
lora = LoraConfig(r=4, lora_alpha=8, lora_dropout=0.05, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM",
                  init_lora_weights=False)
model = get_peft_model(base, lora).eval()
fresh("peft_qwen2_adapter")
model.save_pretrained("peft_qwen2_adapter")
layer = model.base_model.model.model.layers[1].self_attn.q_proj
x = torch.randn(3, 16)
tokens = torch.tensor([[1, 5, 9, 2, 30, 7], [3, 3, 8, 0, 12, 4]])
labels = tokens.clone()
labels[:, :2] = -100
with torch.no_grad():
    y = layer(x)
    out = model(input_ids=tokens, labels=labels)
save_file({"weight": layer.base_layer.weight.detach().contiguous(), "bias": layer.base_layer.bias.detach().contiguous(),
           "x": x, "y": y.contiguous(), "tokens": tokens.to(torch.float32), "labels": labels.to(torch.float32),
           "logits": out.logits.contiguous(), "loss": out.loss.reshape(1)},
          "peft_qwen2_reference.safetensors")

# GPT-2 (Conv1D weights stored [in, out]).
gconfig = GPT2Config(n_embd=8, n_layer=1, n_head=2, n_positions=16, vocab_size=12, initializer_range=0.3)
gbase = GPT2LMHeadModel(gconfig).eval()
fresh("gpt2_tiny_model")
gbase.save_pretrained("gpt2_tiny_model", safe_serialization=True)
# The base model's loss first: merge_and_unload below folds the adapter into gbase in place.
btokens = torch.tensor([[1, 5, 9, 2, 11, 7], [3, 3, 8, 0, 10, 4]])
blabels = btokens.clone()
blabels[:, :2] = -100
references = {"tokens": btokens.to(torch.float32), "labels": blabels.to(torch.float32)}


def record(name, m):
    with torch.no_grad():
        out = m(input_ids=btokens, labels=blabels)
    references[name + "_loss"] = out.loss.reshape(1)
    references[name + "_logits"] = out.logits.contiguous()


record("gpt2", gbase)
with open("gpt2_tiny_model/tokenizer_config.json", "w") as f:
    json.dump({"model_max_length": 16}, f)
glora = LoraConfig(r=2, lora_alpha=16, target_modules=["c_attn"], fan_in_fan_out=True, task_type="CAUSAL_LM",
                   init_lora_weights=False)
gmodel = get_peft_model(gbase, glora).eval()
fresh("gpt2_tiny_adapter")
gmodel.save_pretrained("gpt2_tiny_adapter")
merged = gmodel.merge_and_unload()
save_file({"transformer.h.0.attn.c_attn.weight": merged.transformer.h[0].attn.c_attn.weight.detach().contiguous()},
          "gpt2_tiny_merged_reference.safetensors")

# OPT, and the base models' losses on one batch.
oconfig = OPTConfig(vocab_size=12, hidden_size=8, num_hidden_layers=2, ffn_dim=16, num_attention_heads=2,
                    max_position_embeddings=16, word_embed_proj_dim=8, do_layer_norm_before=True, init_std=0.3)
obase = OPTForCausalLM(oconfig).eval()
fresh("opt_tiny_model")
obase.save_pretrained("opt_tiny_model", safe_serialization=True)
record("opt", obase)
save_file(references, "base_losses.safetensors")

# PEFT also writes a model-card README.md; the tests do not need it.
for folder in ("peft_qwen2_adapter", "gpt2_tiny_adapter"):
    os.remove(os.path.join(folder, "README.md"))
