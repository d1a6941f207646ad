#!/usr/bin/env python3
"""Reference forward passes for the model families, written in numpy, and the fixtures made from them.

For each family it draws tiny random weights, saves them in Hugging Face layout
(config.json with Hugging Face's keys, model.safetensors with Hugging Face's tensor names,
GPT-2's Conv1D weights stored [in, out] as Hugging Face stores them), and writes the logits
the reference computes (in float64) for a few token sequences to expected_logits.json.
The GPT-2, LLaMA and Qwen2 weights are also written as GGUF files with llama.cpp's names and layout
(q/k permuted for interleaved RoPE under arch "llama"; Q8_0 linear weights in the Qwen2 one,
whose expected logits are computed from the dequantized weights).

Run from anywhere (needs numpy, safetensors, gguf):
    python3 make_family_fixtures.py
"""
import json
import math
import os

import numpy as np
from safetensors.numpy import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
SEQUENCES = [[7], [1, 17, 42, 299, 5, 5, 128], [3, 250, 11, 64, 90, 2, 199, 33, 8, 141, 276, 19, 0]]


# ---------------------------------------------------------------- shared layers (float64)

def layer_norm(x, w, b, eps):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    y = (x - mean) / np.sqrt(var + eps)
    return y * w + (b if b is not None else 0.0)


def rms_norm(x, w, eps):
    return x / np.sqrt((x * x).mean(-1, keepdims=True) + eps) * w


def gelu_tanh(x):
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def silu(x):
    return x / (1.0 + np.exp(-x))


def causal_attention(q, k, v, heads, kv_heads, scale):
    """q [T, H*hd], k/v [T, KV*hd] -> [T, H*hd]; query head h reads kv head h // (H/KV)."""
    t = q.shape[0]
    hd = q.shape[1] // heads
    group = heads // kv_heads
    out = np.zeros_like(q)
    mask = np.triu(np.full((t, t), -np.inf), 1)
    for h in range(heads):
        g = h // group
        qh = q[:, h * hd:(h + 1) * hd]
        kh = k[:, g * hd:(g + 1) * hd]
        vh = v[:, g * hd:(g + 1) * hd]
        s = qh @ kh.T * scale + mask
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        out[:, h * hd:(h + 1) * hd] = s @ vh
    return out


def rope_halves(x, heads, theta, positions):
    """Hugging Face rotate_half: pairs (i, i + hd/2) of each head rotate by pos * theta^(-2i/hd)."""
    t, width = x.shape
    hd = width // heads
    half = hd // 2
    inv = 1.0 / theta ** (np.arange(0, hd, 2, dtype=np.float64) / hd)
    ang = np.outer(positions, inv)  # [T, hd/2]
    cos, sin = np.cos(ang), np.sin(ang)
    y = x.reshape(t, heads, hd).copy()
    x1, x2 = y[:, :, :half].copy(), y[:, :, half:].copy()
    y[:, :, :half] = x1 * cos[:, None, :] - x2 * sin[:, None, :]
    y[:, :, half:] = x2 * cos[:, None, :] + x1 * sin[:, None, :]
    return y.reshape(t, width)


# ---------------------------------------------------------------- families

def gpt2_forward(cfg, w, tokens):
    f = lambda n: w[n].astype(np.float64)
    d, heads = cfg["n_embd"], cfg["n_head"]
    eps = cfg["layer_norm_epsilon"]
    t = len(tokens)
    x = f("transformer.wte.weight")[tokens] + f("transformer.wpe.weight")[np.arange(t)]
    for i in range(cfg["n_layer"]):
        p = f"transformer.h.{i}."
        h = layer_norm(x, f(p + "ln_1.weight"), f(p + "ln_1.bias"), eps)
        qkv = h @ f(p + "attn.c_attn.weight") + f(p + "attn.c_attn.bias")  # Conv1D: [in, out]
        q, k, v = qkv[:, :d], qkv[:, d:2 * d], qkv[:, 2 * d:]
        a = causal_attention(q, k, v, heads, heads, 1.0 / math.sqrt(d // heads))
        x = x + a @ f(p + "attn.c_proj.weight") + f(p + "attn.c_proj.bias")
        h = layer_norm(x, f(p + "ln_2.weight"), f(p + "ln_2.bias"), eps)
        h = gelu_tanh(h @ f(p + "mlp.c_fc.weight") + f(p + "mlp.c_fc.bias"))
        x = x + h @ f(p + "mlp.c_proj.weight") + f(p + "mlp.c_proj.bias")
    x = layer_norm(x, f("transformer.ln_f.weight"), f("transformer.ln_f.bias"), eps)
    return x @ f("transformer.wte.weight").T


def opt_forward(cfg, w, tokens):
    f = lambda n: w[n].astype(np.float64)
    d, heads = cfg["hidden_size"], cfg["num_attention_heads"]
    pre = cfg["do_layer_norm_before"]
    eps = 1e-5  # torch.nn.LayerNorm's default, which OPT uses
    t = len(tokens)
    x = f("model.decoder.embed_tokens.weight")[tokens]
    if "model.decoder.project_in.weight" in w:
        x = x @ f("model.decoder.project_in.weight").T
    x = x + f("model.decoder.embed_positions.weight")[np.arange(t) + 2]  # OPT's learned offset of 2
    for i in range(cfg["num_hidden_layers"]):
        p = f"model.decoder.layers.{i}."
        lin = lambda h, n: h @ f(p + n + ".weight").T + f(p + n + ".bias")
        res = x
        h = layer_norm(x, f(p + "self_attn_layer_norm.weight"), f(p + "self_attn_layer_norm.bias"), eps) if pre else x
        q = lin(h, "self_attn.q_proj") * (d // heads) ** -0.5
        k, v = lin(h, "self_attn.k_proj"), lin(h, "self_attn.v_proj")
        a = causal_attention(q, k, v, heads, heads, 1.0)
        x = res + lin(a, "self_attn.out_proj")
        if not pre:
            x = layer_norm(x, f(p + "self_attn_layer_norm.weight"), f(p + "self_attn_layer_norm.bias"), eps)
        res = x
        h = layer_norm(x, f(p + "final_layer_norm.weight"), f(p + "final_layer_norm.bias"), eps) if pre else x
        h = lin(np.maximum(lin(h, "fc1"), 0.0), "fc2")
        x = res + h
        if not pre:
            x = layer_norm(x, f(p + "final_layer_norm.weight"), f(p + "final_layer_norm.bias"), eps)
    if "model.decoder.final_layer_norm.weight" in w:
        x = layer_norm(x, f("model.decoder.final_layer_norm.weight"), f("model.decoder.final_layer_norm.bias"), eps)
    if "model.decoder.project_out.weight" in w:
        x = x @ f("model.decoder.project_out.weight").T
    return x @ f("model.decoder.embed_tokens.weight").T  # lm_head is tied to embed_tokens


def llama_forward(cfg, w, tokens):
    f = lambda n: w[n].astype(np.float64)
    heads, kv = cfg["num_attention_heads"], cfg["num_key_value_heads"]
    hd = cfg["hidden_size"] // heads
    eps, theta = cfg["rms_norm_eps"], cfg["rope_theta"]
    t = len(tokens)
    pos = np.arange(t, dtype=np.float64)
    x = f("model.embed_tokens.weight")[tokens]
    for i in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{i}."

        def lin(h, n):
            y = h @ f(p + n + ".weight").T
            return y + f(p + n + ".bias") if (p + n + ".bias") in w else y

        h = rms_norm(x, f(p + "input_layernorm.weight"), eps)
        q = rope_halves(lin(h, "self_attn.q_proj"), heads, theta, pos)
        k = rope_halves(lin(h, "self_attn.k_proj"), kv, theta, pos)
        v = lin(h, "self_attn.v_proj")
        x = x + lin(causal_attention(q, k, v, heads, kv, 1.0 / math.sqrt(hd)), "self_attn.o_proj")
        h = rms_norm(x, f(p + "post_attention_layernorm.weight"), eps)
        x = x + lin(silu(lin(h, "mlp.gate_proj")) * lin(h, "mlp.up_proj"), "mlp.down_proj")
    x = rms_norm(x, f("model.norm.weight"), eps)
    head = f("model.embed_tokens.weight") if cfg["tie_word_embeddings"] else f("lm_head.weight")
    return x @ head.T


# ---------------------------------------------------------------- random weights

def make_rng(seed):
    rng = np.random.default_rng(seed)

    def mat(*shape, std=0.15):
        return (rng.standard_normal(shape) * std).astype(np.float32)

    def norm(n):
        return (1.0 + 0.1 * rng.standard_normal(n)).astype(np.float32)

    return mat, norm


def gpt2_weights():
    cfg = {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "vocab_size": 300, "n_positions": 64,
           "n_ctx": 64, "n_embd": 64, "n_layer": 2, "n_head": 4, "n_inner": None,
           "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5, "tie_word_embeddings": True}
    mat, norm = make_rng(1)
    d, v = cfg["n_embd"], cfg["vocab_size"]
    w = {"transformer.wte.weight": mat(v, d, std=0.5), "transformer.wpe.weight": mat(64, d, std=0.2)}
    for i in range(cfg["n_layer"]):
        p = f"transformer.h.{i}."
        w[p + "ln_1.weight"], w[p + "ln_1.bias"] = norm(d), mat(d, std=0.05)
        w[p + "attn.c_attn.weight"], w[p + "attn.c_attn.bias"] = mat(d, 3 * d), mat(3 * d, std=0.05)
        w[p + "attn.c_proj.weight"], w[p + "attn.c_proj.bias"] = mat(d, d), mat(d, std=0.05)
        w[p + "ln_2.weight"], w[p + "ln_2.bias"] = norm(d), mat(d, std=0.05)
        w[p + "mlp.c_fc.weight"], w[p + "mlp.c_fc.bias"] = mat(d, 4 * d), mat(4 * d, std=0.05)
        w[p + "mlp.c_proj.weight"], w[p + "mlp.c_proj.bias"] = mat(4 * d, d, std=0.08), mat(d, std=0.05)
    w["transformer.ln_f.weight"], w["transformer.ln_f.bias"] = norm(d), mat(d, std=0.05)
    return cfg, w, gpt2_forward


def opt_weights(pre_ln, proj_dim, seed):
    d = 64
    cfg = {"model_type": "opt", "architectures": ["OPTForCausalLM"], "vocab_size": 300, "hidden_size": d,
           "num_hidden_layers": 2, "ffn_dim": 256, "num_attention_heads": 4, "max_position_embeddings": 64,
           "do_layer_norm_before": pre_ln, "word_embed_proj_dim": proj_dim, "activation_function": "relu",
           "enable_bias": True, "layer_norm_elementwise_affine": True, "tie_word_embeddings": True}
    mat, norm = make_rng(seed)
    w = {"model.decoder.embed_tokens.weight": mat(300, proj_dim, std=0.5),
         "model.decoder.embed_positions.weight": mat(64 + 2, d, std=0.2)}
    if proj_dim != d:
        w["model.decoder.project_in.weight"] = mat(d, proj_dim, std=0.2)
        w["model.decoder.project_out.weight"] = mat(proj_dim, d, std=0.2)
    for i in range(2):
        p = f"model.decoder.layers.{i}."
        for n in ["q_proj", "k_proj", "v_proj", "out_proj"]:
            w[p + f"self_attn.{n}.weight"], w[p + f"self_attn.{n}.bias"] = mat(d, d), mat(d, std=0.05)
        w[p + "self_attn_layer_norm.weight"], w[p + "self_attn_layer_norm.bias"] = norm(d), mat(d, std=0.05)
        w[p + "fc1.weight"], w[p + "fc1.bias"] = mat(256, d), mat(256, std=0.05)
        w[p + "fc2.weight"], w[p + "fc2.bias"] = mat(d, 256, std=0.08), mat(d, std=0.05)
        w[p + "final_layer_norm.weight"], w[p + "final_layer_norm.bias"] = norm(d), mat(d, std=0.05)
    if pre_ln:  # Hugging Face's OPTDecoder only has a final norm in the pre-LN layout
        w["model.decoder.final_layer_norm.weight"] = norm(d)
        w["model.decoder.final_layer_norm.bias"] = mat(d, std=0.05)
    return cfg, w, opt_forward


def llama_weights(qwen2):
    d, ff, heads, kv = 64, 128, 4, 2
    hd = d // heads
    cfg = {"model_type": "qwen2" if qwen2 else "llama",
           "architectures": ["Qwen2ForCausalLM" if qwen2 else "LlamaForCausalLM"],
           "vocab_size": 300, "hidden_size": d, "intermediate_size": ff, "num_hidden_layers": 2,
           "num_attention_heads": heads, "num_key_value_heads": kv, "max_position_embeddings": 128,
           "rms_norm_eps": 1e-6, "rope_theta": 1000000.0 if qwen2 else 10000.0, "hidden_act": "silu",
           "tie_word_embeddings": qwen2, "torch_dtype": "float32"}
    mat, norm = make_rng(4 if qwen2 else 3)
    w = {"model.embed_tokens.weight": mat(300, d, std=0.5)}
    for i in range(2):
        p = f"model.layers.{i}."
        w[p + "input_layernorm.weight"] = norm(d)
        w[p + "self_attn.q_proj.weight"] = mat(heads * hd, d, std=0.3)
        w[p + "self_attn.k_proj.weight"] = mat(kv * hd, d, std=0.3)
        w[p + "self_attn.v_proj.weight"] = mat(kv * hd, d)
        w[p + "self_attn.o_proj.weight"] = mat(d, heads * hd)
        if qwen2:
            w[p + "self_attn.q_proj.bias"] = mat(heads * hd, std=0.1)
            w[p + "self_attn.k_proj.bias"] = mat(kv * hd, std=0.1)
            w[p + "self_attn.v_proj.bias"] = mat(kv * hd, std=0.1)
        w[p + "post_attention_layernorm.weight"] = norm(d)
        w[p + "mlp.gate_proj.weight"] = mat(ff, d)
        w[p + "mlp.up_proj.weight"] = mat(ff, d)
        w[p + "mlp.down_proj.weight"] = mat(d, ff, std=0.1)
    w["model.norm.weight"] = norm(d)
    if not qwen2:
        w["lm_head.weight"] = mat(300, d, std=0.3)
    return cfg, w, llama_forward


# ---------------------------------------------------------------- writing

def expected(forward, cfg, w):
    seqs = []
    for tokens in SEQUENCES:
        logits = forward(cfg, w, np.array(tokens))
        seqs.append({"tokens": tokens, "logits": [[float(f"{v:.8g}") for v in row] for row in logits]})
    return {"sequences": seqs}


def write_hf(name, cfg, w, forward):
    out = os.path.join(HERE, name)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "config.json"), "w") as fh:
        json.dump(cfg, fh, indent=2)
    save_file(w, os.path.join(out, "model.safetensors"), metadata={"format": "pt"})
    with open(os.path.join(out, "expected_logits.json"), "w") as fh:
        json.dump(expected(forward, cfg, w), fh)


def permute_for_interleaved(m, n_head):
    """llama.cpp's convert_hf_to_gguf permutation: rows of each head go from halves to interleaved pairs."""
    return m.reshape(n_head, 2, m.shape[0] // n_head // 2, *m.shape[1:]).swapaxes(1, 2).reshape(m.shape)


def write_gguf(name, cfg, w, quantize_linear):
    import gguf
    arch = cfg["model_type"]
    writer = gguf.GGUFWriter(os.path.join(HERE, name), arch)
    writer.add_string("general.name", name)
    writer.add_uint32(f"{arch}.context_length", cfg["max_position_embeddings"])
    writer.add_uint32(f"{arch}.embedding_length", cfg["hidden_size"])
    writer.add_uint32(f"{arch}.block_count", cfg["num_hidden_layers"])
    writer.add_uint32(f"{arch}.feed_forward_length", cfg["intermediate_size"])
    writer.add_uint32(f"{arch}.attention.head_count", cfg["num_attention_heads"])
    writer.add_uint32(f"{arch}.attention.head_count_kv", cfg["num_key_value_heads"])
    writer.add_float32(f"{arch}.rope.freq_base", cfg["rope_theta"])
    writer.add_float32(f"{arch}.attention.layer_norm_rms_epsilon", cfg["rms_norm_eps"])
    heads, kv = cfg["num_attention_heads"], cfg["num_key_value_heads"]
    used = {}  # the weights as the GGUF holds them, dequantized, for the expected logits

    def add(gname, hfname, linear=False, permute_heads=None):
        t = w[hfname]
        if permute_heads is not None and arch == "llama":
            t = permute_for_interleaved(t, permute_heads)
        if linear and quantize_linear:
            q = gguf.quants.quantize(t, gguf.GGMLQuantizationType.Q8_0)
            writer.add_tensor(gname, q, raw_shape=q.shape, raw_dtype=gguf.GGMLQuantizationType.Q8_0)
            deq = gguf.quants.dequantize(q, gguf.GGMLQuantizationType.Q8_0).reshape(t.shape)
        else:
            writer.add_tensor(gname, t)
            deq = t
        if permute_heads is not None and arch == "llama":
            deq = w[hfname]  # the permutation is exact; the reference keeps the Hugging Face order
        used[hfname] = deq.astype(np.float32)

    add("token_embd.weight", "model.embed_tokens.weight")
    for i in range(cfg["num_hidden_layers"]):
        p, b = f"model.layers.{i}.", f"blk.{i}."
        add(b + "attn_norm.weight", p + "input_layernorm.weight")
        add(b + "attn_q.weight", p + "self_attn.q_proj.weight", True, heads)
        add(b + "attn_k.weight", p + "self_attn.k_proj.weight", True, kv)
        add(b + "attn_v.weight", p + "self_attn.v_proj.weight", True)
        if p + "self_attn.q_proj.bias" in w:
            add(b + "attn_q.bias", p + "self_attn.q_proj.bias", False, heads)
            add(b + "attn_k.bias", p + "self_attn.k_proj.bias", False, kv)
            add(b + "attn_v.bias", p + "self_attn.v_proj.bias")
        add(b + "attn_output.weight", p + "self_attn.o_proj.weight", True)
        add(b + "ffn_norm.weight", p + "post_attention_layernorm.weight")
        add(b + "ffn_gate.weight", p + "mlp.gate_proj.weight", True)
        add(b + "ffn_up.weight", p + "mlp.up_proj.weight", True)
        add(b + "ffn_down.weight", p + "mlp.down_proj.weight", True)
    add("output_norm.weight", "model.norm.weight")
    if "lm_head.weight" in w:
        add("output.weight", "lm_head.weight")
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    base = os.path.splitext(name)[0]
    with open(os.path.join(HERE, base + ".expected_logits.json"), "w") as fh:
        json.dump(expected(llama_forward, cfg, used), fh)


def write_gguf_gpt2(name, cfg, w):
    """GPT-2 in llama.cpp's layout: Conv1D weights transposed to [out, in], q/k/v kept fused as attn_qkv,
    no output.weight (tied). The expected logits are gpt2/expected_logits.json (the same weights)."""
    import gguf
    writer = gguf.GGUFWriter(os.path.join(HERE, name), "gpt2")
    writer.add_string("general.name", name)
    writer.add_uint32("gpt2.context_length", cfg["n_positions"])
    writer.add_uint32("gpt2.embedding_length", cfg["n_embd"])
    writer.add_uint32("gpt2.feed_forward_length", 4 * cfg["n_embd"])
    writer.add_uint32("gpt2.block_count", cfg["n_layer"])
    writer.add_uint32("gpt2.attention.head_count", cfg["n_head"])
    writer.add_float32("gpt2.attention.layer_norm_epsilon", cfg["layer_norm_epsilon"])
    t = lambda n: np.ascontiguousarray(w[n].T)
    writer.add_tensor("token_embd.weight", w["transformer.wte.weight"])
    writer.add_tensor("position_embd.weight", w["transformer.wpe.weight"])
    for i in range(cfg["n_layer"]):
        p, b = f"transformer.h.{i}.", f"blk.{i}."
        writer.add_tensor(b + "attn_norm.weight", w[p + "ln_1.weight"])
        writer.add_tensor(b + "attn_norm.bias", w[p + "ln_1.bias"])
        writer.add_tensor(b + "attn_qkv.weight", t(p + "attn.c_attn.weight"))
        writer.add_tensor(b + "attn_qkv.bias", w[p + "attn.c_attn.bias"])
        writer.add_tensor(b + "attn_output.weight", t(p + "attn.c_proj.weight"))
        writer.add_tensor(b + "attn_output.bias", w[p + "attn.c_proj.bias"])
        writer.add_tensor(b + "ffn_norm.weight", w[p + "ln_2.weight"])
        writer.add_tensor(b + "ffn_norm.bias", w[p + "ln_2.bias"])
        writer.add_tensor(b + "ffn_up.weight", t(p + "mlp.c_fc.weight"))
        writer.add_tensor(b + "ffn_up.bias", w[p + "mlp.c_fc.bias"])
        writer.add_tensor(b + "ffn_down.weight", t(p + "mlp.c_proj.weight"))
        writer.add_tensor(b + "ffn_down.bias", w[p + "mlp.c_proj.bias"])
    writer.add_tensor("output_norm.weight", w["transformer.ln_f.weight"])
    writer.add_tensor("output_norm.bias", w["transformer.ln_f.bias"])
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def main():
    cfg, w, fwd = gpt2_weights()
    write_hf("gpt2", cfg, w, fwd)
    write_gguf_gpt2("gpt2.gguf", cfg, w)
    write_hf("opt", *opt_weights(True, 64, 2))
    write_hf("opt-postln-proj", *opt_weights(False, 32, 5))
    cfg, w, fwd = llama_weights(False)
    write_hf("llama", cfg, w, fwd)
    write_gguf("llama.gguf", cfg, w, False)
    cfg, w, fwd = llama_weights(True)
    write_hf("qwen2", cfg, w, fwd)
    write_gguf("qwen2-q8_0.gguf", cfg, w, True)


if __name__ == "__main__":
    main()
