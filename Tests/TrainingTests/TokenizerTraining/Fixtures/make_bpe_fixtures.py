"""Makes the BPE trainer fixtures with Hugging Face `tokenizers` (pip install tokenizers).

corpus/train/*.py and corpus/heldout/*.py are files of the CPython 3.11 standard library
(PSF License, corpus/LICENSE.txt). For each configuration below this trains `tokenizers`'
BpeTrainer the way lce's BPETrainer trains: GPT-2's ByteLevel pre-tokenizer without a prefix
space, each file one text (so a newline and the next line's indentation form one word), the
256 byte characters as initial alphabet, the special tokens first. It writes the resulting
vocab.json and merges.txt, and the ids the trained tokenizer gives each held-out file.

Run from this directory:  python make_bpe_fixtures.py
"""
import json
import os
import sys

import tokenizers
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

HERE = os.path.dirname(os.path.abspath(__file__))
SPECIAL = ["<|endoftext|>", "<|pad|>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>"]
CONFIGS = [("hf_bpe_v1000_min2", 1000, 2), ("hf_bpe_v3000_min0", 3000, 0)]


def read_texts(folder):
    names = sorted(os.listdir(os.path.join(HERE, "corpus", folder)))
    return [(n, open(os.path.join(HERE, "corpus", folder, n), encoding="utf-8", newline="").read()) for n in names]


def main():
    train = read_texts("train")
    heldout = read_texts("heldout")
    for name, vocab_size, min_frequency in CONFIGS:
        tok = Tokenizer(models.BPE())
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        tok.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=min_frequency, special_tokens=SPECIAL,
                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
        tok.train_from_iterator([text for _, text in train], trainer)
        out = os.path.join(HERE, name)
        os.makedirs(out, exist_ok=True)
        tok.model.save(out)
        ids = {n: tok.encode(text).ids for n, text in heldout}
        with open(os.path.join(out, "heldout_ids.json"), "w") as f:
            json.dump(ids, f, separators=(",", ":"), sort_keys=True)
        print(name, "vocab", tok.get_vocab_size(), "tokenizers", tokenizers.__version__, file=sys.stderr)


if __name__ == "__main__":
    main()
