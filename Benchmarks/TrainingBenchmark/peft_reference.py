#!/usr/bin/env python3
"""PyTorch + PEFT reference for lce-bench-training: LoRA on a Hugging Face checkpoint, fp32.

Trains the same configuration the Swift benchmark trains (r, lora_alpha, lora_dropout,
target_modules, bias "none"; AdamW, lr 2e-4, gradient clipping at 1.0) on one fixed batch of
seeded random token ids, times each optimizer step and prints one JSON line with the figures.
Only the benchmark runs it; no test needs Python.

    python peft_reference.py --model ~/.cache/lce/bench/qwen2.5-coder-0.5b-instruct-q4_k_m-f32 \
        --batch-size 2 --sequence-length 128 --warmup 2 --steps 5 --threads 2
"""
import argparse
import json
import resource
import time

import peft
import torch
import transformers


def peak_resident_bytes():
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, help="Hugging Face checkpoint directory")
    parser.add_argument("--batch-size", type=int, default=2)
    parser.add_argument("--sequence-length", type=int, default=128)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--r", type=int, default=8)
    parser.add_argument("--alpha", type=float, default=16)
    parser.add_argument("--dropout", type=float, default=0.05)
    parser.add_argument("--target-modules", default="q_proj,v_proj")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    model = transformers.AutoModelForCausalLM.from_pretrained(args.model, dtype=torch.float32)
    model.config.use_cache = False
    config = peft.LoraConfig(r=args.r, lora_alpha=args.alpha, lora_dropout=args.dropout,
                             target_modules=args.target_modules.split(","), bias="none", task_type="CAUSAL_LM")
    model = peft.get_peft_model(model, config)
    model.train()
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=2e-4, weight_decay=0.0)
    after_load = peak_resident_bytes()

    generator = torch.Generator().manual_seed(11)
    ids = torch.randint(0, model.config.vocab_size, (args.batch_size, args.sequence_length), generator=generator)
    warmup_seconds, step_seconds, losses = [], [], []
    for index in range(args.warmup + args.steps):
        started = time.perf_counter()
        loss = model(input_ids=ids, labels=ids, use_cache=False).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        seconds = time.perf_counter() - started
        (warmup_seconds if index < args.warmup else step_seconds).append(seconds)
        losses.append(loss.item())

    print(json.dumps({
        "torch": torch.__version__, "peft": peft.__version__, "transformers": transformers.__version__,
        "threads": torch.get_num_threads(),
        "trainable_parameters": sum(p.numel() for p in trainable),
        "tokens_per_step": args.batch_size * args.sequence_length,
        "warmup_seconds": warmup_seconds, "step_seconds": step_seconds,
        "first_loss": losses[0], "last_loss": losses[-1],
        "resident_after_load_bytes": after_load, "peak_resident_bytes": peak_resident_bytes(),
    }))


if __name__ == "__main__":
    main()
