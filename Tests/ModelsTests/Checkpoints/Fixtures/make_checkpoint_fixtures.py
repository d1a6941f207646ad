"""Makes the checkpoint fixtures the Swift tests read (run with numpy, safetensors and gguf installed).

    python3 make_checkpoint_fixtures.py      # writes next to this script

Every value is given by a formula the Swift tests recompute, so the tests need no Python:
  float tensors:   value[i] = (i - 5) * 0.25           (exact in f32, f16 and bf16)
  quantized bytes: byte[i]  = (i * 31 + ggml_type_id) % 256
"""
import json
import os

import numpy as np
from safetensors import TensorSpec, serialize

import gguf
from gguf import GGMLQuantizationType as T

HERE = os.path.dirname(os.path.abspath(__file__))


def ramp(n):
    return (np.arange(n, dtype=np.float64) - 5) * 0.25


def pattern(n, type_id):
    return ((np.arange(n) * 31 + type_id) % 256).astype(np.uint8)


def bf16_bits(values):
    return (np.asarray(values, dtype=np.float32).view(np.uint32) >> 16).astype(np.uint16)


def spec(array, dtype_name):
    return TensorSpec(dtype=dtype_name, shape=array.shape, data_ptr=array.ctypes.data, data_len=array.nbytes)


def write_safetensors(path, tensors, metadata):
    """tensors: name -> (numpy array holding the stored bits, safetensors dtype name, shape)."""
    keep = []
    specs = {}
    for name, (array, dtype_name, shape) in tensors.items():
        array = np.ascontiguousarray(array)
        keep.append(array)
        specs[name] = TensorSpec(dtype=dtype_name, shape=shape, data_ptr=array.ctypes.data, data_len=array.nbytes)
    with open(path, "wb") as f:
        f.write(bytes(serialize(specs, metadata=metadata)))


def safetensors_fixtures():
    # One metadata key only: the Rust writer emits metadata in hash order, so one key keeps it deterministic.
    tiny = {
        "model.embed.weight": (ramp(12).astype(np.float32), "float32", (4, 3)),
        "model.norm.weight": (ramp(6).astype(np.float16), "float16", (6,)),
        "model.proj.weight": (bf16_bits(ramp(8)), "bfloat16", (2, 4)),
        "lm_head.weight": (ramp(6).astype(np.float32), "float32", (2, 3)),
    }
    write_safetensors(os.path.join(HERE, "tiny.safetensors"), tiny, {"format": "pt"})

    single = os.path.join(HERE, "single_model")
    os.makedirs(single, exist_ok=True)
    with open(os.path.join(single, "config.json"), "w") as f:
        json.dump({"model_type": "llama", "hidden_size": 4, "num_hidden_layers": 1}, f)
    write_safetensors(os.path.join(single, "model.safetensors"), {
        "embed.weight": (ramp(8).astype(np.float32), "float32", (2, 4)),
        "norm.weight": (ramp(4).astype(np.float16), "float16", (4,)),
    }, {"format": "pt"})

    sharded = os.path.join(HERE, "sharded_model")
    os.makedirs(sharded, exist_ok=True)
    with open(os.path.join(sharded, "config.json"), "w") as f:
        json.dump({"model_type": "qwen2", "hidden_size": 4, "num_hidden_layers": 2}, f)
    shards = {
        "model-00001-of-00002.safetensors": {
            "model.embed_tokens.weight": (ramp(8).astype(np.float32), "float32", (2, 4)),
            "model.layers.0.input_layernorm.weight": (bf16_bits(ramp(4)), "bfloat16", (4,)),
        },
        "model-00002-of-00002.safetensors": {
            "model.layers.1.input_layernorm.weight": (ramp(4).astype(np.float16), "float16", (4,)),
            "lm_head.weight": (ramp(8).astype(np.float32), "float32", (2, 4)),
        },
    }
    weight_map = {}
    for shard, tensors in shards.items():
        write_safetensors(os.path.join(sharded, shard), tensors, {"format": "pt"})
        for name in tensors:
            weight_map[name] = shard
    with open(os.path.join(sharded, "model.safetensors.index.json"), "w") as f:
        json.dump({"metadata": {"total_size": 64}, "weight_map": weight_map}, f, indent=2)


def add_gguf_tensors(w):
    # numpy shapes are (rows, cols); the writer stores them reversed as GGML's ne = [cols, rows].
    w.add_tensor("f32.weight", ramp(16).astype(np.float32).reshape(2, 8))
    w.add_tensor("norm.weight", ramp(8).astype(np.float32))
    w.add_tensor("f16.weight", ramp(16).astype(np.float16).reshape(2, 8))
    w.add_tensor("bf16.weight", bf16_bits(ramp(16)).reshape(2, 8), raw_dtype=T.BF16)
    for name, qtype, rows, cols in [("q8_0.weight", T.Q8_0, 2, 64), ("q5_0.weight", T.Q5_0, 3, 32),
                                    ("q4_0.weight", T.Q4_0, 2, 32), ("q4_k.weight", T.Q4_K, 2, 256),
                                    ("q6_k.weight", T.Q6_K, 1, 256)]:
        block_elements, block_bytes = gguf.GGML_QUANT_SIZES[qtype]
        row_bytes = cols // block_elements * block_bytes
        data = pattern(rows * row_bytes, int(qtype)).reshape(rows, row_bytes)
        w.add_tensor(name, data, raw_dtype=qtype)


def gguf_fixtures():
    w = gguf.GGUFWriter(os.path.join(HERE, "tiny.gguf"), "llama")
    w.add_uint8("test.uint8", 200)
    w.add_int8("test.int8", -100)
    w.add_uint16("test.uint16", 60000)
    w.add_int16("test.int16", -30000)
    w.add_uint32("test.uint32", 4000000000)
    w.add_int32("test.int32", -2000000000)
    w.add_float32("test.float32", 0.1)
    w.add_bool("test.bool", True)
    w.add_string("test.string", "héllo ✓")
    w.add_uint64("test.uint64", 2**63 + 5)
    w.add_int64("test.int64", -(2**62))
    w.add_float64("test.float64", 1e-300)
    w.add_uint32("llama.block_count", 2)
    w.add_array("tokenizer.ggml.tokens", ["<s>", "Ġthe", "\n", "", "✓"])
    w.add_array("tokenizer.ggml.token_type", [3, 1, 1, 1, 1])
    w.add_array("tokenizer.ggml.scores", [0.0, -1.5, -2.25, -3.0, -4.0])
    w.add_array("test.bools", [True, False, True])
    w.add_array("test.nested", [[1, 2], [3]])
    add_gguf_tensors(w)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()

    w = gguf.GGUFWriter(os.path.join(HERE, "aligned64.gguf"), "qwen2")
    w.add_custom_alignment(64)
    w.add_tensor("a.weight", ramp(3).astype(np.float32))
    w.add_tensor("b.weight", ramp(16).astype(np.float16).reshape(2, 8))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


if __name__ == "__main__":
    safetensors_fixtures()
    gguf_fixtures()
