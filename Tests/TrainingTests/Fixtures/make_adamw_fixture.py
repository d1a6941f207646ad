"""Writes adamw_reference.json: torch.optim.AdamW's update rule replayed in numpy float32.

Follows torch/optim/adamw.py (_single_tensor_adamw, PyTorch 2.x) line by line: decoupled decay
param *= 1 - lr*wd, exp_avg.lerp_(grad, 1-beta1), exp_avg_sq*beta2 + (1-beta2)*grad*grad,
step_size = lr / (1 - beta1**t), denom = sqrt(exp_avg_sq) / sqrt(1 - beta2**t) + eps,
param -= step_size * exp_avg / denom; scalars in Python floats, tensors in float32.
The learning rate per step follows get_cosine_schedule_with_warmup(2 warmup, 6 total).
Run: /work/venvs/training/bin/python make_adamw_fixture.py
"""
import json
import math

import numpy as np

f32 = np.float32
rng = np.random.default_rng(1234)
params = rng.uniform(-1, 1, size=7).astype(f32)
grads = [rng.uniform(-2, 2, size=7).astype(f32) for _ in range(6)]
base_lr, beta1, beta2, eps, wd = 0.01, 0.9, 0.999, 1e-8, 0.1
warmup, total = 2, 6


def cosine(step):
    if step < warmup:
        return step / max(1, warmup)
    progress = (step - warmup) / max(1, total - warmup)
    return max(0.0, 0.5 * (1.0 + math.cos(math.pi * 0.5 * 2.0 * progress)))


m = np.zeros(7, dtype=f32)
v = np.zeros(7, dtype=f32)
p = params.copy()
history = []
for t in range(1, 7):
    # transformers' LambdaLR: the rate for update t is base * lambda(t - 1).
    lr = base_lr * cosine(t - 1)
    g = grads[t - 1]
    p = p * f32(1 - lr * wd)
    m = m + f32(1 - beta1) * (g - m)
    v = v * f32(beta2) + f32(1 - beta2) * g * g
    step_size = f32(lr / (1 - beta1 ** t))
    denom = np.sqrt(v) / f32(math.sqrt(1 - beta2 ** t)) + f32(eps)
    p = p - step_size * (m / denom)
    history.append({"lr": lr, "params": [float(x) for x in p]})

with open("adamw_reference.json", "w") as out:
    json.dump({"initial": [float(x) for x in params], "grads": [[float(x) for x in g] for g in grads],
               "base_lr": base_lr, "beta1": beta1, "beta2": beta2, "eps": eps, "weight_decay": wd,
               "warmup": warmup, "total": total, "steps": history}, out, indent=1)
