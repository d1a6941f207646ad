"""Loads an adapter directory written by this engine into PEFT and prints PEFT's loss on the
batch the Swift side used, so the two numbers can be compared (not run by the tests).

Usage: /work/venvs/training/bin/python check_adapter_in_peft.py ADAPTER_DIR [MODEL_DIR]
(MODEL_DIR defaults to qwen2_tiny_model; the batch is the one in peft_qwen2_reference.safetensors:
tokens [[1, 5, 9, 2, 30, 7], [3, 3, 8, 0, 12, 4]] with the first two positions of each masked.)
"""
import sys

import torch
from peft import PeftModel
from transformers import AutoModelForCausalLM

adapter = sys.argv[1]
model_dir = sys.argv[2] if len(sys.argv) > 2 else "qwen2_tiny_model"
base = AutoModelForCausalLM.from_pretrained(model_dir).eval()
model = PeftModel.from_pretrained(base, adapter).eval()
tokens = torch.tensor([[1, 5, 9, 2, 30, 7], [3, 3, 8, 0, 12, 4]])
labels = tokens.clone()
labels[:, :2] = -100
with torch.no_grad():
    print(f"PEFT loss {model(input_ids=tokens, labels=labels).loss.item():.7f}")
