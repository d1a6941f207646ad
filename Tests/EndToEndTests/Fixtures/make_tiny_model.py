"""Makes Fixtures/tiny-llama: a Hugging Face LLaMA directory (config.json, model.safetensors,
tokenizer.json) small enough that the end-to-end tests and the backbone benchmark measure the
services, not generation.

Weights are random (seeded) so the output is nonsense but deterministic under greedy decoding.
The special tokens' embedding rows are zero: with the head tied to the embedding their logits
are 0 while the best random logit is positive, so greedy decoding never stops early and
max_tokens sets how long a request takes.

The tokenizer is Tests/ModelsTests/Tokenizer/Fixtures/qwen2-style.tokenizer.json (2,002 ids).
Only numpy is needed: safetensors is written by hand (8-byte header length, JSON header, data).

Usage: python3 make_tiny_model.py   (writes next to this script)
"""
import json
import os
import shutil
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "tiny-llama")
TOKENIZER = os.path.join(HERE, "..", "..", "ModelsTests", "Tokenizer", "Fixtures", "qwen2-style.tokenizer.json")

VOCAB = 2002
HIDDEN = 32
INTERMEDIATE = 64
LAYERS = 1
HEADS = 4
KV_HEADS = 2
HEAD_DIM = HIDDEN // HEADS
CONTEXT = 512
SPECIAL_IDS = [0, 1, 2, 2000, 2001]


def write_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name in sorted(tensors):
        data = np.ascontiguousarray(tensors[name], dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    header["__metadata__"] = {"format": "pt"}
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * ((8 - len(raw) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for blob in blobs:
            f.write(blob)


def main():
    rng = np.random.default_rng(20261126)

    def matrix(rows, cols):
        return (rng.standard_normal((rows, cols)) / np.sqrt(cols)).astype(np.float32)

    embed = rng.standard_normal((VOCAB, HIDDEN)).astype(np.float32)
    embed[SPECIAL_IDS] = 0
    tensors = {"model.embed_tokens.weight": embed, "model.norm.weight": np.ones(HIDDEN, np.float32)}
    for i in range(LAYERS):
        p = f"model.layers.{i}."
        tensors[p + "input_layernorm.weight"] = np.ones(HIDDEN, np.float32)
        tensors[p + "post_attention_layernorm.weight"] = np.ones(HIDDEN, np.float32)
        tensors[p + "self_attn.q_proj.weight"] = matrix(HEADS * HEAD_DIM, HIDDEN)
        tensors[p + "self_attn.k_proj.weight"] = matrix(KV_HEADS * HEAD_DIM, HIDDEN)
        tensors[p + "self_attn.v_proj.weight"] = matrix(KV_HEADS * HEAD_DIM, HIDDEN)
        tensors[p + "self_attn.o_proj.weight"] = matrix(HIDDEN, HEADS * HEAD_DIM)
        tensors[p + "mlp.gate_proj.weight"] = matrix(INTERMEDIATE, HIDDEN)
        tensors[p + "mlp.up_proj.weight"] = matrix(INTERMEDIATE, HIDDEN)
        tensors[p + "mlp.down_proj.weight"] = matrix(HIDDEN, INTERMEDIATE)

    os.makedirs(OUT, exist_ok=True)
    config = {
        "architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": VOCAB, "hidden_size": HIDDEN,
        "intermediate_size": INTERMEDIATE, "num_hidden_layers": LAYERS, "num_attention_heads": HEADS,
        "num_key_value_heads": KV_HEADS, "max_position_embeddings": CONTEXT, "rms_norm_eps": 1e-6,
        "rope_theta": 10000.0, "tie_word_embeddings": True, "bos_token_id": 0, "eos_token_id": 0,
        "torch_dtype": "float32",
    }
    with open(os.path.join(OUT, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")
    write_safetensors(os.path.join(OUT, "model.safetensors"), tensors)
    shutil.copyfile(TOKENIZER, os.path.join(OUT, "tokenizer.json"))


if __name__ == "__main__":
    main()
