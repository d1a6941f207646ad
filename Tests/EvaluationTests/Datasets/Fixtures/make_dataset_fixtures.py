"""Remakes the dataset fixtures with Python's gzip/zlib: python3 make_dataset_fixtures.py

Compressed files cover each DEFLATE block kind: stored (level 0), fixed Huffman
(Z_FIXED), dynamic Huffman (level 9), and a two-member gzip file; each `X.gz`
decompresses to `X.expected`.
"""
import gzip
import json
import random
import zlib

problems = [
    {"task_id": "Sample/0", "prompt": "def add(a, b):\n    \"\"\"Return a + b.\"\"\"\n",
     "canonical_solution": "    return a + b\n",
     "test": "def check(candidate):\n    assert candidate(1, 2) == 3\n", "entry_point": "add"},
    {"task_id": "Sample/1", "prompt": "def greet(name):\n    \"\"\"Say héllo to ü 😀.\"\"\"\n",
     "canonical_solution": "    return 'héllo ' + name\n",
     "test": "def check(candidate):\n    assert candidate('x') == 'héllo x'\n", "entry_point": "greet"},
]
with gzip.open("problems.jsonl.gz", "wt", encoding="utf-8") as f:
    for p in problems:
        f.write(json.dumps(p, ensure_ascii=False) + "\n")
with open("problems.jsonl", "w", encoding="utf-8") as f:
    for p in problems:
        f.write(json.dumps(p) + "\n")

with open("pairs.jsonl", "w", encoding="utf-8") as f:
    f.write(json.dumps({"prompt": "Write a Python function to reverse a string.",
                        "completion": "def reverse(s):\n    return s[::-1]\n"}) + "\n")
    f.write("\n")
    f.write(json.dumps({"prompt": "Say hi", "completion": "hi", "extra": 1}) + "\n")

with open("bad_line.jsonl", "w", encoding="utf-8") as f:
    f.write(json.dumps({"prompt": "a", "completion": "b"}) + "\n")
    f.write(json.dumps({"prompt": "c", "completion": "d"}) + "\n")
    f.write('{"prompt": "e", "completion": \n')

with open("missing_field.jsonl", "w", encoding="utf-8") as f:
    f.write(json.dumps({"prompt": "a"}) + "\n")

rng = random.Random(7)
words = "def return lambda yield class import from for while if else elif try except".split()
text = "\n".join(" ".join(rng.choice(words) for _ in range(rng.randint(1, 12))) for _ in range(800))
text += "".join(chr(rng.randint(0x20, 0x2FF)) for _ in range(3000))
data = text.encode("utf-8")


def gzip_with(compressobj_args, payload):
    c = zlib.compressobj(*compressobj_args)
    return c.compress(payload) + c.flush()


def write_gzip(name, level, strategy, payload):
    raw = gzip_with((level, zlib.DEFLATED, 31, 8, strategy), payload)
    with open(name, "wb") as f:
        f.write(raw)
    with open(name.replace(".gz", ".expected"), "wb") as f:
        f.write(payload)


write_gzip("stored.gz", 0, zlib.Z_DEFAULT_STRATEGY, data[:70000] * 1)
write_gzip("fixed.gz", 9, zlib.Z_FIXED, data[:20000])
write_gzip("dynamic.gz", 9, zlib.Z_DEFAULT_STRATEGY, data)
with open("two_members.gz", "wb") as f:
    f.write(gzip.compress(b"first member\n") + gzip.compress(b"second member\n"))
with open("two_members.expected", "wb") as f:
    f.write(b"first member\nsecond member\n")
corrupt = bytearray(gzip.compress(b"some text that will fail its checksum\n"))
corrupt[-8] ^= 0xFF
with open("bad_crc.gz", "wb") as f:
    f.write(bytes(corrupt))
