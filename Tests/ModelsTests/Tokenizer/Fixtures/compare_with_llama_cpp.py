#!/usr/bin/env python3
"""Compares qwen2.5-coder-gguf.cases.json (ids from Hugging Face `tokenizers` on the tokenizer.json
rebuilt from the GGUF) with llama.cpp's own tokenizer on the same GGUF. Prints, changes nothing.

Run with a Python that has llama-cpp-python, e.g. the peer's venv that
../shared/tools/get-llama-cpp-peer.sh builds:
    ~/.cache/lce/llama-cpp-peer/venv/bin/python compare_with_llama_cpp.py [GGUF]

Known difference: Qwen2's tokenizer.json normalizes text to NFC and llama.cpp does not, so texts
with decomposed accents or NFC-changed scalars (such as the Kelvin sign) differ; the Swift
tokenizer follows tokenizer.json.
"""
import json
import os
import sys

from llama_cpp import Llama

HERE = os.path.dirname(os.path.abspath(__file__))
gguf = sys.argv[1] if len(sys.argv) > 1 else os.path.expanduser("~/.cache/lce/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf")
llm = Llama(model_path=gguf, vocab_only=True, verbose=False)
with open(os.path.join(HERE, "qwen2.5-coder-gguf.cases.json"), encoding="utf-8") as f:
    cases = json.load(f)["cases"]
same = 0
for case in cases:
    data = case["text"].encode("utf-8")
    special = llm.tokenize(data, add_bos=False, special=True)
    plain = llm.tokenize(data, add_bos=False, special=False)
    if special == case["ids"] and plain == case["ids_special_as_text"]:
        same += 1
    else:
        print("differs:", repr(case["text"][:60]))
print(f"{same} of {len(cases)} texts give the same ids in llama.cpp")
