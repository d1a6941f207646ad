#!/usr/bin/env python3
"""Makes the tokenizer fixtures used by Tests/ModelsTests/Tokenizer.

Needs a venv with `tokenizers`, `gguf` and `numpy` from PyPI:
    python3 -m venv /tmp/tokvenv && /tmp/tokvenv/bin/pip install tokenizers gguf numpy
    /tmp/tokvenv/bin/python make_tokenizer_fixtures.py [--corpus /usr/lib/python3.11] [--gguf PATH]

It trains small byte-level BPE tokenizers (vocab 2000) on local Python source, writes their
tokenizer.json files and, for each, the ids `tokenizers` gives for a varied set of texts
(with special tokens parsed and not). With --gguf (default: the real Qwen2.5-Coder model)
it rebuilds that model's tokenizer.json from the GGUF metadata in /tmp and writes only the
texts -> ids (the vocabulary is not committed).

The committed files were made with tokenizers 0.23.3 on /usr/lib/python3.11 (Debian 12), which
reproduces them byte for byte. compare_with_llama_cpp.py checks the real-model ids against
llama.cpp's tokenizer.
"""
import argparse
import json
import os
import sys

from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers
from tokenizers import AddedToken

HERE = os.path.dirname(os.path.abspath(__file__))

GPT2_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
QWEN2_PATTERN = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""
LLAMA3_PATTERN = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""

CODE_SNIPPET = '''import os
from typing import List, Optional


class Stack:
    """A LIFO stack."""

    def __init__(self) -> None:
        self._items: List[int] = []

    def push(self, x: int) -> None:
        self._items.append(x)

    def pop(self) -> Optional[int]:
        return self._items.pop() if self._items else None


def fib(n):
\tif n < 2:
\t\treturn n
\treturn fib(n - 1) + fib(n - 2)

if __name__ == "__main__":
    print(f"{fib(30):,d} {os.getcwd()!r}")  # 832,040
    x = {'a': [1, 2, 3], "b": (4.5e-3, 0x1F, 0b1010)}
    s = 'It\\'s done'; t = "don't"
'''

TEXTS = [
    "",
    " ",
    "a",
    "Hello, world!",
    "Hello world",
    "  leading spaces and trailing spaces   ",
    "trailing space ",
    "multiple     spaces between     words",
    "tabs\tand\t\ttabs\t",
    "line one\nline two\n\nline four\n",
    "windows\r\nline\r\nendings\r\n",
    "mixed \t \n \r\n  whitespace\n\n\n   \n",
    "\n\n\n",
    "   \n   x",
    "digits 1234567890 and 3.14159 and 1,000,000",
    "007 x2 2x 12ab34",
    "I'm sure you're right, they've said we'll do it, he'd know, it's John's.",
    "I'M SURE YOU'RE RIGHT, IT'S JOHN'S. 'S 'T 'Re 'vE",
    "don't ' s 'x '' '''",
    "'Sup 'REally 'LLama 'ts 'Ds we'Ve THEY'LLx",
    "caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u00fcber Stra\u00dfe",
    "cafe\u0301 decomposed e\u0301 and combining a\u0308\u0304",
    "\u4f60\u597d\uff0c\u4e16\u754c\uff01\u8fd9\u662f\u4e2d\u6587\u3002",
    "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3068\ud55c\uad6d\uc5b4 \ud14d\uc2a4\ud2b8",
    "emoji \U0001F600\U0001F680 \U0001F44D\U0001F3FD family \U0001F468\u200d\U0001F469\u200d\U0001F467 flag \U0001F1EB\U0001F1F7",
    "\u0391\u03b8\u03ae\u03bd\u03b1 \u041c\u043e\u0441\u043a\u0432\u0430 \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u0928\u092e\u0938\u094d\u0924\u0947",
    "unicode spaces:\u00a0nbsp\u3000ideographic\u2028ls\u2029ps\u0085nel\u2009thin\u200bzw",
    "roman \u2163 \u00bd fullwidth \uff11\uff12\uff13 arabic \u0661\u0662\u0663 superscript \u00b2",
    "long s: '\u017f and kelvin \u212a",
    "def reverse_string(s: str) -> str:\n",
    "def f(x):\n    return x**2  # square\n",
    "for (int i = 0; i < n; ++i) { a[i] = b[i] * 2; }",
    "if x == 1:\n\tpass\nelif x != 2 and y >= 3:\n\t\tpass",
    "<html><body class=\"main\">&nbsp;</body></html>",
    "path/to/file.py:42: error: Name 'foo' is not defined  [name-defined]",
    "=============================================================",
    "=" * 200 + "\n" + " " * 300 + "x" + "\t" * 70 + "y" + "ab" * 80,
    "    \n        \n",
    "a\u00a0\u00a0b",
    "<|endoftext|>",
    "Hello<|endoftext|>world",
    "text <|endoftext|> more text",
    "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n",
    "<|im_start|><|im_end|><|endoftext|>",
    "<tool_call>{\"name\": \"f\"}</tool_call>",
    "almost special <|endoftext| and <|im_start and <|im_end|",
    "<|fim_prefix|>def f():\n<|fim_suffix|>\n    return 1<|fim_middle|>",
    "x <mask> y <mask>z",
    "a<sep>  b <sep>c<sep>\n",
    "x<word>y <word> z <word>_ <word>",
    "cafe\u0301! and caf\u00e9!",
    "\u00ff\u00fe\u0100 \u0120 \u010a",
    CODE_SNIPPET,
]


def stdlib_corpus(root, limit_bytes):
    files, total = [], 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in ("test", "tests", "idlelib", "site-packages", "dist-packages", "__pycache__"))
        for name in sorted(filenames):
            if name.endswith(".py"):
                path = os.path.join(dirpath, name)
                files.append(path)
                total += os.path.getsize(path)
                if total >= limit_bytes:
                    return files
    return files


def trained(pre_tokenizer, normalizer, special, extra, files):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizer
    if normalizer is not None:
        tok.normalizer = normalizer
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=2000,
        special_tokens=special,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train(files, trainer)
    tok.add_tokens(extra)
    return tok


def cases(tok):
    out = []
    for text in TEXTS:
        tok.encode_special_tokens = False
        ids = tok.encode(text, add_special_tokens=False).ids
        tok.encode_special_tokens = True
        plain = tok.encode(text, add_special_tokens=False).ids
        tok.encode_special_tokens = False
        out.append({
            "text": text,
            "ids": ids,
            "ids_special_as_text": plain,
            "decoded": tok.decode(ids, skip_special_tokens=False),
            "decoded_skipping_special": tok.decode(ids, skip_special_tokens=True),
        })
    return out


def write_json(name, obj):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=True, indent=1)
        f.write("\n")


def save_tokenizer(tok, name, edit=None):
    """Saves tok's tokenizer.json (optionally edited) and returns the reloaded tokenizer."""
    data = json.loads(tok.to_str())
    if edit is not None:
        edit(data)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write(text)
    return Tokenizer.from_str(text)


def merges_as_strings(data):
    data["model"]["merges"] = [" ".join(m) if isinstance(m, list) else m for m in data["model"]["merges"]]


def make_small(files):
    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    non_special = [AddedToken("<tool_call>", special=False, normalized=False),
                   AddedToken("</tool_call>", special=False, normalized=False)]

    gpt2 = trained(pre_tokenizers.ByteLevel(add_prefix_space=False), None, specials, non_special, files)
    gpt2 = save_tokenizer(gpt2, "gpt2-style.tokenizer.json")
    write_json("gpt2-style.cases.json", cases(gpt2))

    def prefix_variant(data):
        # The same vocabulary with add_prefix_space, merges in the older "a b" form and a
        # few added tokens with strip and single-word flags, as older GPT-2/RoBERTa-style files have.
        data["pre_tokenizer"]["add_prefix_space"] = True
        merges_as_strings(data)
        next_id = max([t["id"] for t in data["added_tokens"]] + list(data["model"]["vocab"].values())) + 1
        for token in data["added_tokens"]:
            if token["content"] == "<|endoftext|>":
                token["normalized"] = True  # as in GPT-2's own tokenizer.json
        for offset, (content, flags) in enumerate([("<mask>", {"lstrip": True}), ("<sep>", {"rstrip": True}),
                                                   ("<word>", {"single_word": True, "special": False})]):
            entry = {"id": next_id + offset, "content": content, "single_word": False, "lstrip": False,
                     "rstrip": False, "normalized": False, "special": True}
            entry.update(flags)
            data["added_tokens"].append(entry)
    prefixed = save_tokenizer(gpt2, "gpt2-prefix-space.tokenizer.json", prefix_variant)
    write_json("gpt2-prefix-space.cases.json", cases(prefixed))

    qwen_pre = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(QWEN2_PATTERN), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    qwen = trained(qwen_pre, normalizers.NFC(), specials, non_special, files)
    qwen = save_tokenizer(qwen, "qwen2-style.tokenizer.json")
    write_json("qwen2-style.cases.json", cases(qwen))

    def normalized_token_variant(data):
        # A normalized added token is matched in NFC text, so "cafe\u0301!" finds it too.
        next_id = max([t["id"] for t in data["added_tokens"]] + list(data["model"]["vocab"].values())) + 1
        data["added_tokens"].append({"id": next_id, "content": "caf\u00e9!", "single_word": False, "lstrip": False,
                                     "rstrip": False, "normalized": True, "special": False})
    normalized = save_tokenizer(qwen, "qwen2-normalized-token.tokenizer.json", normalized_token_variant)
    write_json("qwen2-normalized-token.cases.json", cases(normalized))

    def llama3_variant(data):
        data["pre_tokenizer"]["pretokenizers"][0]["pattern"]["Regex"] = LLAMA3_PATTERN
        data["normalizer"] = None
        data["model"]["ignore_merges"] = True
    llama3 = save_tokenizer(qwen, "llama3-style.tokenizer.json", llama3_variant)
    write_json("llama3-style.cases.json", cases(llama3))

    star_pre = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
    ])
    star_specials = ["<|endoftext|>", "<fim_prefix>", "<fim_middle>", "<fim_suffix>", "<|im_start|>", "<|im_end|>"]
    star = trained(star_pre, None, star_specials, [], files)
    star = save_tokenizer(star, "starcoder-style.tokenizer.json")
    write_json("starcoder-style.cases.json", cases(star))


def read_gguf_tokenizer(path):
    from gguf import GGUFReader
    reader = GGUFReader(path)

    def strings(key):
        f = reader.fields[key]
        return [bytes(f.parts[i]).decode("utf-8") for i in f.data]

    def ints(key):
        f = reader.fields[key]
        return [int(f.parts[i][0]) for i in f.data]

    def scalar(key):
        f = reader.fields.get(key)
        if f is None:
            return None
        value = f.parts[f.data[0]]
        return bytes(value).decode("utf-8") if f.types[0].name == "STRING" else int(value[0])

    return {
        "model": scalar("tokenizer.ggml.model"),
        "pre": scalar("tokenizer.ggml.pre"),
        "tokens": strings("tokenizer.ggml.tokens"),
        "token_type": ints("tokenizer.ggml.token_type"),
        "merges": strings("tokenizer.ggml.merges"),
        "bos": scalar("tokenizer.ggml.bos_token_id"),
        "eos": scalar("tokenizer.ggml.eos_token_id"),
        "pad": scalar("tokenizer.ggml.padding_token_id"),
    }


def tokenizer_json_from_gguf(meta):
    """The tokenizer.json Hugging Face ships for a Qwen2 model, rebuilt from GGUF metadata."""
    assert meta["model"] == "gpt2" and meta["pre"] == "qwen2", (meta["model"], meta["pre"])
    control, user_defined, unused = 3, 4, 5
    vocab, added = {}, []
    for i, (token, kind) in enumerate(zip(meta["tokens"], meta["token_type"])):
        if kind == unused:
            continue  # padding entries ([PAD151665] ...) are not in Qwen's tokenizer.json
        if kind in (control, user_defined):
            added.append({"id": i, "content": token, "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": False, "special": kind == control})
        else:
            vocab[token] = i
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "NFC"},
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": QWEN2_PATTERN}, "behavior": "Isolated", "invert": False},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False},
        ]},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False},
        "decoder": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False,
                  "ignore_merges": False, "vocab": vocab, "merges": meta["merges"]},
    }


def make_real(gguf_path):
    meta = read_gguf_tokenizer(gguf_path)
    text = json.dumps(tokenizer_json_from_gguf(meta), ensure_ascii=False)
    with open("/tmp/qwen2.5-coder-from-gguf.tokenizer.json", "w", encoding="utf-8") as f:
        f.write(text)
    tok = Tokenizer.from_str(text)
    out = {"source": os.path.basename(gguf_path), "vocab_size": len(meta["tokens"]),
           "bos_token_id": meta["bos"], "eos_token_id": meta["eos"], "padding_token_id": meta["pad"],
           "cases": cases(tok)}
    write_json("qwen2.5-coder-gguf.cases.json", out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.dirname(os.__file__))
    ap.add_argument("--corpus-bytes", type=int, default=3_000_000)
    ap.add_argument("--gguf", default=os.path.expanduser("~/.cache/lce/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"))
    args = ap.parse_args()
    make_small(stdlib_corpus(args.corpus, args.corpus_bytes))
    if os.path.exists(args.gguf):
        make_real(args.gguf)
    else:
        print(f"{args.gguf} absent: real-model cases not remade", file=sys.stderr)


if __name__ == "__main__":
    main()
