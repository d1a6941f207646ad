"""Checks a tokenizer directory written by lce's TokenizerTrainingJob against Hugging Face.

Not used by the tests (they need no Python); run it by hand after training on a real corpus:
    python check_against_tokenizers.py OUTPUT_DIR [SWIFT_IDS.tsv]

1. Retrains `tokenizers`' BpeTrainer on the training files listed in OUTPUT_DIR/corpus.json,
   with the vocabulary size and special tokens of OUTPUT_DIR (each file one text, GPT-2
   ByteLevel, min_frequency 2) and compares vocabulary and merges.
2. Loads OUTPUT_DIR/tokenizer.json with `tokenizers` and, when given, compares its ids for every
   file with the ids lce's BPETokenizer gave (SWIFT_IDS.tsv: path TAB space-separated ids).
3. When `transformers` is importable, loads OUTPUT_DIR with AutoTokenizer (fast and slow) and
   compares their ids on the same files.
"""
import json
import os
import sys

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers


def main():
    out = sys.argv[1]
    manifest = json.load(open(os.path.join(out, "corpus.json")))
    root = manifest["root"]
    texts = {e["path"]: open(os.path.join(root, e["path"]), encoding="utf-8", newline="").read() for e in manifest["files"]}
    train = [texts[e["path"]] for e in manifest["files"] if e["split"] == "train"]
    ours = json.load(open(os.path.join(out, "tokenizer.json")))
    specials = [t["content"] for t in ours["added_tokens"]]
    vocab_size = len(ours["model"]["vocab"])

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=2, special_tokens=specials,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(train, trainer)
    theirs = json.loads(tok.to_str())["model"]
    their_merges = [" ".join(m) if isinstance(m, list) else m for m in theirs["merges"]]
    print(f"retrained: vocab equal {theirs['vocab'] == ours['model']['vocab']}, merges equal {their_merges == ours['model']['merges']} "
          f"({len(their_merges)} vs {len(ours['model']['merges'])})")
    for i, (a, b) in enumerate(zip(their_merges, ours["model"]["merges"])):
        if a != b:
            print("  first differing merge", i, repr(a), repr(b))
            break

    loaded = Tokenizer.from_file(os.path.join(out, "tokenizer.json"))
    hf_ids = {path: loaded.encode(text).ids for path, text in texts.items()}
    total_bytes = sum(len(t.encode()) for t in texts.values())
    if len(sys.argv) > 2:
        swift = {}
        for line in open(sys.argv[2], encoding="utf-8"):
            path, _, ids = line.rstrip("\n").partition("\t")
            swift[path] = [int(x) for x in ids.split()] if ids else []
        same = sum(1 for p in texts if swift.get(p) == hf_ids[p])
        print(f"tokenizers vs lce ids: {same}/{len(texts)} files identical, {total_bytes} bytes, "
              f"{sum(len(v) for v in hf_ids.values())} tokens")
    decoded = sum(1 for p, t in texts.items() if loaded.decode(hf_ids[p]) == t)
    print(f"tokenizers round trip: {decoded}/{len(texts)} files exact")

    try:
        from transformers import AutoTokenizer
    except ImportError:
        print("transformers not importable; AutoTokenizer not checked")
        return
    fast = AutoTokenizer.from_pretrained(out)
    slow = AutoTokenizer.from_pretrained(out, use_fast=False)
    sample = list(texts.items())
    same_fast = sum(1 for p, t in sample if fast(t, add_special_tokens=False)["input_ids"] == hf_ids[p])
    same_slow = sum(1 for p, t in sample if slow(t, add_special_tokens=False)["input_ids"] == hf_ids[p])
    print(f"AutoTokenizer: {type(fast).__name__} {same_fast}/{len(sample)}, {type(slow).__name__} {same_slow}/{len(sample)} files identical; "
          f"eos {fast.eos_token_id} pad {fast.pad_token_id} vocab {len(fast)}")


if __name__ == "__main__":
    main()
