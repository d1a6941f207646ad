#!/usr/bin/env python3
"""Makes the Tensor test fixtures with numpy and the `gguf` package (pip install numpy gguf).

Run from anywhere: python3 make_fixtures.py  (writes kernels.json, halffloat.json, matmul.json,
quants.json next to this script). Seeds are fixed, so the output is reproducible.

`gguf.quants` has no quantizer for Q4_K and Q6_K, so their quantization fixtures come from
llama.cpp's own reference functions (quantize_row_q4_K_ref, quantize_row_q6_K_ref) in
libggml-base.so, called through ctypes; set GGML_BASE_LIB to that library (the default is the
peer build made by ../shared/tools/get-llama-cpp-peer.sh).
"""
import ctypes
import glob
import json
import math
import os

import numpy as np
from gguf import GGMLQuantizationType as T
from gguf import quants

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261126)


def f32list(a):
    return [float(v) for v in np.asarray(a, dtype=np.float32).reshape(-1)]


def write(name, obj):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(obj, f, separators=(",", ":"))


# ---- elementwise kernels, computed in float64 from float32 inputs, rounded to float32 ----
def kernels():
    out = {}
    for n in (67, 256):
        x = rng.standard_normal(n).astype(np.float32) * 3
        b = rng.standard_normal(n).astype(np.float32)
        w = (rng.standard_normal(n) * 0.5 + 1).astype(np.float32)
        bias = rng.standard_normal(n).astype(np.float32) * 0.1
        xd, bd, wd, biasd = (v.astype(np.float64) for v in (x, b, w, bias))
        eps = 1e-6
        rms = xd / np.sqrt(np.mean(xd * xd) + eps) * wd
        mean = xd.mean()
        var = ((xd - mean) ** 2).mean()
        ln = (xd - mean) / np.sqrt(var + 1e-5) * wd + biasd
        ln_nobias = (xd - mean) / np.sqrt(var + 1e-5) * wd
        e = np.exp(xd - xd.max())
        sm = e / e.sum()
        silu = xd / (1 + np.exp(-xd))
        gelu_tanh = 0.5 * xd * (1 + np.tanh(math.sqrt(2 / math.pi) * (xd + 0.044715 * xd ** 3)))
        gelu = np.array([0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in xd])
        relu = np.maximum(xd, 0)
        swiglu = silu * bd
        out[str(n)] = {
            "x": f32list(x), "b": f32list(b), "w": f32list(w), "bias": f32list(bias),
            "rmsnorm": f32list(rms), "layernorm": f32list(ln), "layernorm_nobias": f32list(ln_nobias),
            "softmax": f32list(sm), "silu": f32list(silu), "gelu_tanh": f32list(gelu_tanh),
            "gelu": f32list(gelu), "relu": f32list(relu), "swiglu": f32list(swiglu),
            "add": f32list(xd + bd), "dot": float(np.dot(xd, bd)),
        }
    # RoPE as Hugging Face computes it: inv_freq and angles rounded to float32. The power is taken
    # in float64 and rounded, because numpy's float32 power may be a few ulp off (SIMD paths).
    heads, head_dim, theta = 3, 64, 10000.0
    q = rng.standard_normal(heads * head_dim).astype(np.float32)
    rope = {"x": f32list(q), "heads": heads, "head_dim": head_dim, "theta": theta, "cases": []}
    for position in (0, 1, 17, 3000):
        p = (theta ** (np.arange(0, head_dim, 2, dtype=np.float64) / head_dim)).astype(np.float32)
        inv = (np.float32(1.0) / p).astype(np.float32)
        ang = (np.float32(position) * inv).astype(np.float32).astype(np.float64)
        c, s = np.cos(ang), np.sin(ang)
        v = q.reshape(heads, head_dim).astype(np.float64)
        half = head_dim // 2
        a, bb = v[:, :half], v[:, half:]
        halves = np.concatenate([a * c - bb * s, bb * c + a * s], axis=1)
        a, bb = v[:, 0::2], v[:, 1::2]
        inter = np.empty_like(v)
        inter[:, 0::2] = a * c - bb * s
        inter[:, 1::2] = bb * c + a * s
        rope["cases"].append({"position": position, "halves": f32list(halves), "interleaved": f32list(inter)})
    out["rope"] = rope
    write("kernels.json", out)


# ---- binary16 and bfloat16 ----
def halffloat():
    vals = np.concatenate([
        rng.standard_normal(200).astype(np.float32) * 10,
        np.array([0.0, -0.0, 1.0, -2.5, 65504.0, 65520.0, 1e-8, 6.1e-5, 5.96e-8, 3e-8, 1e30, -1e30,
                  1.00048828125, 1.0009765625 + 2 ** -11, 3.4e38], dtype=np.float32),
        (rng.standard_normal(50) * 1e-6).astype(np.float32),
    ]).astype(np.float32)
    f16 = vals.astype(np.float16).view(np.uint16)
    bf16 = quants.quantize(vals, T.BF16).view(np.uint16)
    halves = np.arange(0, 65536, 97, dtype=np.uint16)
    halves = halves[np.isfinite(halves.view(np.float16))]
    write("halffloat.json", {
        "floats": f32list(vals), "f16": [int(v) for v in f16], "bf16": [int(v) for v in bf16],
        "halves": [int(v) for v in halves], "halves_as_float": f32list(halves.view(np.float16).astype(np.float32)),
    })


# ---- float matmul: y = x · Wᵀ for W stored as f32, f16, bf16 ----
def matmul():
    rows, cols, batch = 37, 96, 5
    w = rng.standard_normal((rows, cols)).astype(np.float32)
    x = rng.standard_normal((batch, cols)).astype(np.float32)
    w16 = w.astype(np.float16)
    wbf = quants.quantize(w, T.BF16)
    wbf_f = quants.dequantize(wbf, T.BF16)
    out = {"rows": rows, "cols": cols, "batch": batch, "x": f32list(x), "w": f32list(w),
           "f16_bits": [int(v) for v in w16.view(np.uint16).reshape(-1)],
           "bf16_bits": [int(v) for v in wbf.view(np.uint16).reshape(-1)]}
    xd = x.astype(np.float64)
    out["y_f32"] = f32list(xd @ w.astype(np.float64).T)
    out["y_f16"] = f32list(xd @ w16.astype(np.float64).T)
    out["y_bf16"] = f32list(xd @ wbf_f.astype(np.float64).T)
    write("matmul.json", out)


# ---- block quantization: bytes and their dequantized floats ----
def random_kquant_blocks(qtype, n_blocks):
    size = quants.GGML_QUANT_SIZES[qtype][1]
    blocks = rng.integers(0, 256, size=(n_blocks, size), dtype=np.uint8)
    d = (rng.standard_normal(n_blocks) * 0.01).astype(np.float16).view(np.uint8).reshape(n_blocks, 2)
    if qtype == T.Q4_K:
        dmin = (np.abs(rng.standard_normal(n_blocks)) * 0.01).astype(np.float16).view(np.uint8).reshape(n_blocks, 2)
        blocks[:, 0:2] = d
        blocks[:, 2:4] = dmin
    else:  # Q6_K: d is the last two bytes
        blocks[:, 208:210] = d
    return blocks


def quant_fixtures():
    out = {}
    cols = 512
    for name, qtype in (("q8_0", T.Q8_0), ("q4_0", T.Q4_0), ("q5_0", T.Q5_0)):
        x = (rng.standard_normal((3, cols)) * rng.uniform(0.01, 2, size=(3, 1))).astype(np.float32)
        x[0, :32] = 0  # an all-zero block quantizes with d = 0
        q = quants.quantize(x, qtype)
        out[name] = {"rows": 3, "cols": cols, "source": f32list(x), "bytes": q.tobytes().hex(),
                     "dequantized": f32list(quants.dequantize(q, qtype))}
    for name, qtype in (("q4_K", T.Q4_K), ("q6_K", T.Q6_K)):
        blocks = random_kquant_blocks(qtype, 6)
        x = quants.dequantize(blocks.reshape(3, -1), qtype)
        out[name] = {"rows": 3, "cols": cols, "bytes": blocks.tobytes().hex(), "dequantized": f32list(x)}
    lib = ggml_base()
    for name, qtype, symbol in (("q4_K", T.Q4_K, "quantize_row_q4_K_ref"), ("q6_K", T.Q6_K, "quantize_row_q6_K_ref")):
        x = (rng.standard_normal((2, cols)) * rng.uniform(0.01, 2, size=(2, 1))).astype(np.float32)
        x[0, :256] = np.abs(x[0, :256])  # a block without negatives exercises the min clamp
        x[1, 256:272] = 0  # an all-zero sub-block
        size = quants.GGML_QUANT_SIZES[qtype][1] * x.size // 256
        buf = (ctypes.c_uint8 * size)()
        getattr(lib, symbol)(x.ctypes.data_as(ctypes.c_void_p), buf, ctypes.c_int64(x.size))
        q = np.frombuffer(bytes(buf), dtype=np.uint8)
        out[name + "_quantize"] = {"rows": 2, "cols": cols, "source": f32list(x), "bytes": q.tobytes().hex(),
                                   "dequantized": f32list(quants.dequantize(q.reshape(2, -1), qtype))}
    write("quants.json", out)


def ggml_base():
    path = os.environ.get("GGML_BASE_LIB") or next(iter(glob.glob(os.path.expanduser(
        "~/.cache/lce/llama-cpp-peer/venv/lib/python3*/site-packages/llama_cpp/lib/libggml-base.so"))), None)
    if path is None:
        raise SystemExit("set GGML_BASE_LIB to llama.cpp's libggml-base.so")
    return ctypes.CDLL(path)


kernels()
halffloat()
matmul()
quant_fixtures()
