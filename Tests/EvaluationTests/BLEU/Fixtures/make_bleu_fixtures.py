"""Regenerates bleu_fixtures.json with sacrebleu (pip install sacrebleu==2.6.0).

Each case is scored by sacrebleu's defaults: sentence_bleu(hyp, refs) and
corpus_bleu(hyps, ref_streams). Run: python make_bleu_fixtures.py > bleu_fixtures.json
"""
import json
import random

import sacrebleu

rng = random.Random(20261126)

HAND = [
    ("", "The cat sat on the mat."),
    ("The cat sat on the mat.", ""),
    ("", ""),
    ("The cat sat on the mat.", "The cat sat on the mat."),
    ("completely different words here", "The cat sat on the mat."),
    ("cat", "cat"),
    ("the", "the cat"),
    ("a b", "a b"),
    ("a b c", "a b c"),
    ("a b c d", "a b c d"),
    ("Hello, world!", "Hello world"),
    ("It costs $3.50, or 3,000 yen.", "It costs $3.50 or 3,000 yen."),
    ("1.5 million people -- 2-3 times", "1.5 million people - 2-3 times"),
    ("He said &quot;hi&quot; &amp; left &lt;now&gt;", 'He said "hi" & left <now>'),
    ("&amp;quot; &amp;amp;", "&quot; &amp;"),
    ("<skipped> words <skipped>", "words"),
    ("line one-\ncontinued\nnext", "line onecontinued next"),
    ("trailing spaces   \t ", "trailing spaces"),
    ("café naïve résumé", "café naive resume"),
    ("cafe\u0301 decomposed", "café decomposed"),
    ("日本語のテキスト です。", "日本語 の テキスト です 。"),
    ("Привет, мир! Как дела?", "Привет мир, как дела?"),
    ("emoji 😀 test 👍🏽 ok", "emoji 😀 test 👍 ok"),
    ("non\u00a0breaking\u2003space\u3000ideographic", "non breaking space ideographic"),
    ("x\u200by zero width", "xy zero width"),
    ("def add(a, b):\n    return a + b", "def add(a, b):\n    return a+b"),
    ("for i in range(10): print(i**2)", "for i in range(10):\n    print(i ** 2)"),
    ("x = {'a': [1, 2.0, -3], \"b\": None}", "x = {'a': [1, 2.0, -3], 'b': None}"),
    ("if (a<=b && c!=d) { return a->b; }", "if (a <= b && c != d) {return a->b;}"),
    ("s[::-1]", "return s[::-1]"),
    ("a.b.c,d,e", "a . b . c , d , e"),
    ("3.14,2.71,1.41", "3.14, 2.71, 1.41"),
    ("v1.2.3-beta, 4-5, x-y, 9-", "v1.2.3 - beta, 4 - 5, x - y, 9 -"),
    ("....,,,,", ". . . . , , , ,"),
    ("~`!@#$%^&*()_+-=[]{}|;':\",./<>?\\", "~ ` ! @ # $ % ^ & * ( ) _ + - = [ ] { } | ; ' : \" , . / < > ? \\"),
    ("the the the the the the the", "the cat is on the mat"),
    ("the cat the cat the cat", "the cat"),
    ("A B C D E F G H I J", "a b c d e f g h i j"),
    ("word", "a much longer reference sentence with many words in it to make the brevity penalty small"),
    ("a much longer hypothesis sentence with many words in it and more and more and more", "short ref"),
    ("\n", "\n"),
    ("   ", "x"),
    ("tab\tseparated\tvalues", "tab separated values"),
    ("ﬁnance ligature", "finance ligature"),
    ("Ｆｕｌｌｗｉｄｔｈ １２３", "Fullwidth 123"),
    ("x\x1cy\x1dz\x1ew\x1fv", "x y z w v"),
    ("line\u2028sep\u2029para\x85nel", "line sep para nel"),
    ("1,000,000.00 dollars.", "1,000,000.00 dollars ."),
    ("end with period .", "end with period."),
    ("'quoted' \"double\" `back`", "quoted double back"),
]

VOCAB = ("the a an cat dog sat on mat ran quickly over lazy fox brown jumps "
         "def return if else for in range print len list dict str int None True "
         "( ) [ ] { } : , . = + - * / == != <= >= 0 1 2 3 10 3.5 1,000 -4 "
         "é ü 日本 мир 😀 &amp; &quot; &lt; &gt; x_1 foo.bar a-b").split()


def rand_sentence(lo, hi):
    n = rng.randint(lo, hi)
    words = [rng.choice(VOCAB) for _ in range(n)]
    glue = [rng.choice([" ", " ", " ", "", "  ", "\t"]) for _ in range(max(n - 1, 0))]
    out = ""
    for i, w in enumerate(words):
        out += w
        if i < len(glue):
            out += glue[i]
    return out


def mutate(s):
    toks = s.split(" ")
    for _ in range(rng.randint(0, 4)):
        op = rng.random()
        if op < 0.3 and toks:
            del toks[rng.randrange(len(toks))]
        elif op < 0.6:
            toks.insert(rng.randint(0, len(toks)), rng.choice(VOCAB))
        elif toks:
            toks[rng.randrange(len(toks))] = rng.choice(VOCAB)
    return " ".join(toks)


def score(b):
    return {
        "score": b.score, "counts": list(b.counts), "totals": list(b.totals),
        "precisions": list(b.precisions), "bp": b.bp,
        "sys_len": b.sys_len, "ref_len": b.ref_len,
    }


cases = [{"hyp": h, "refs": [r]} for h, r in HAND]
for _ in range(260):
    ref = rand_sentence(0, 60) if rng.random() < 0.9 else rand_sentence(80, 200)
    kind = rng.random()
    if kind < 0.6:
        hyp = mutate(ref)
    elif kind < 0.8:
        hyp = rand_sentence(0, 30)
    else:
        hyp = ref
    refs = [ref]
    if rng.random() < 0.2:
        refs.append(mutate(ref))
    if rng.random() < 0.1:
        refs.append(rand_sentence(0, 20))
    cases.append({"hyp": hyp, "refs": refs})

# Character-level fuzz: digits next to . , -, HTML entities, Unicode spaces, combining marks.
FUZZ = list("0123456789.,-- ab&;<>\"'()$%/:@[]{}~`^_|\t\n\r") + ["&quot;", "&amp;", "&lt;", "&gt;", "<skipped>",
        "\u00a0", "\u2009", "\u3000", "\x1c", "\x85", "\u0301", "é", "ß", "İ", "😀", "\u200b", "-\n"]
for _ in range(60):
    ref = "".join(rng.choice(FUZZ) for _ in range(rng.randint(0, 40)))
    hyp = "".join(rng.choice(FUZZ) for _ in range(rng.randint(0, 40))) if rng.random() < 0.5 else mutate(ref)
    cases.append({"hyp": hyp, "refs": [ref]})

for c in cases:
    c["sentence"] = score(sacrebleu.sentence_bleu(c["hyp"], c["refs"]))

corpora = []
# Corpora need equal reference counts per segment, so group by reference count.
by_nrefs = {}
for i, c in enumerate(cases):
    by_nrefs.setdefault(len(c["refs"]), []).append(i)
for nrefs, idxs in sorted(by_nrefs.items()):
    for start in range(0, len(idxs), 25):
        chunk = idxs[start:start + 25]
        hyps = [cases[i]["hyp"] for i in chunk]
        streams = [[cases[i]["refs"][k] for i in chunk] for k in range(nrefs)]
        bleu = sacrebleu.metrics.BLEU()
        result = bleu.corpus_score(hyps, streams)
        corpora.append({"cases": chunk, "corpus": score(result), "signature": str(bleu.get_signature())})

sent = sacrebleu.metrics.BLEU(effective_order=True)
sent.sentence_score("a b", ["a b"])
print(json.dumps({
    "sacrebleu_version": sacrebleu.__version__,
    "sentence_signature": str(sent.get_signature()),
    "cases": cases,
    "corpora": corpora,
}, ensure_ascii=False, indent=0))
