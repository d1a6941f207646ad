# Reference programs used by make_codebleu_fixtures.py. Each entry is (name, code, alternatives):
# alternatives solve the same task another way ("different algorithm" pairs).
PROGRAMS = [
("reverse_string", '''def reverse_string(s):
    return s[::-1]
''', ['''def reverse_string(s):
    result = ""
    for ch in s:
        result = ch + result
    return result
''', '''def reverse_string(text):
    return "".join(reversed(text))
''']),
("is_palindrome", '''def is_palindrome(s):
    cleaned = [c.lower() for c in s if c.isalnum()]
    return cleaned == cleaned[::-1]
''', ['''def is_palindrome(s):
    i, j = 0, len(s) - 1
    while i < j:
        if s[i] != s[j]:
            return False
        i += 1
        j -= 1
    return True
''']),
("factorial", '''def factorial(n):
    if n <= 1:
        return 1
    return n * factorial(n - 1)
''', ['''def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result
''', '''import math

def factorial(n):
    return math.factorial(n)
''']),
("fibonacci", '''def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
''', ['''def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
''', '''from functools import lru_cache

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
''']),
("sum_even", '''def sum_even(numbers):
    total = 0
    for x in numbers:
        if x % 2 == 0:
            total += x
    return total
''', ['''def sum_even(numbers):
    return sum(x for x in numbers if x % 2 == 0)
''']),
("count_vowels", '''def count_vowels(text):
    vowels = set("aeiouAEIOU")
    count = 0
    for ch in text:
        if ch in vowels:
            count += 1
    return count
''', ['''def count_vowels(text):
    return len([c for c in text.lower() if c in "aeiou"])
''']),
("word_freq", '''def word_frequencies(text):
    counts = {}
    for word in text.split():
        word = word.lower()
        counts[word] = counts.get(word, 0) + 1
    return counts
''', ['''from collections import Counter

def word_frequencies(text):
    return dict(Counter(w.lower() for w in text.split()))
''']),
("max_value", '''def find_max(values):
    if not values:
        raise ValueError("empty list")
    best = values[0]
    for v in values[1:]:
        if v > best:
            best = v
    return best
''', ['''def find_max(values):
    return max(values)
''']),
("binary_search", '''def binary_search(arr, target):
    lo, hi = 0, len(arr) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if arr[mid] == target:
            return mid
        elif arr[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
''', ['''import bisect

def binary_search(arr, target):
    i = bisect.bisect_left(arr, target)
    if i < len(arr) and arr[i] == target:
        return i
    return -1
''']),
("bubble_sort", '''def bubble_sort(items):
    items = list(items)
    n = len(items)
    for i in range(n):
        for j in range(0, n - i - 1):
            if items[j] > items[j + 1]:
                items[j], items[j + 1] = items[j + 1], items[j]
    return items
''', ['''def bubble_sort(items):
    return sorted(items)
''']),
("gcd", '''def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
''', ['''def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)
''']),
("primes", '''def is_prime(n):
    if n < 2:
        return False
    for d in range(2, int(n ** 0.5) + 1):
        if n % d == 0:
            return False
    return True


def primes_up_to(limit):
    return [n for n in range(limit + 1) if is_prime(n)]
''', ['''def primes_up_to(limit):
    sieve = [True] * (limit + 1)
    sieve[0:2] = [False, False]
    for i in range(2, int(limit ** 0.5) + 1):
        if sieve[i]:
            for j in range(i * i, limit + 1, i):
                sieve[j] = False
    return [i for i, ok in enumerate(sieve) if ok]
''']),
("flatten", '''def flatten(nested):
    out = []
    for item in nested:
        if isinstance(item, list):
            out.extend(flatten(item))
        else:
            out.append(item)
    return out
''', ['''def flatten(nested):
    return [x for sub in nested for x in sub]
''']),
("stack_class", '''class Stack:
    def __init__(self):
        self.items = []

    def push(self, item):
        self.items.append(item)

    def pop(self):
        if not self.items:
            raise IndexError("pop from empty stack")
        return self.items.pop()

    def __len__(self):
        return len(self.items)
''', ['''from collections import deque


class Stack:
    def __init__(self):
        self._data = deque()

    def push(self, item):
        self._data.append(item)

    def pop(self):
        return self._data.pop()
''']),
("read_file", '''def read_lines(path):
    with open(path, "r", encoding="utf-8") as fh:
        return [line.rstrip("\\n") for line in fh]
''', ['''def read_lines(path):
    fh = open(path)
    try:
        data = fh.read()
    finally:
        fh.close()
    return data.splitlines()
''']),
("safe_div", '''def safe_divide(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return None
    except TypeError as exc:
        raise ValueError("bad operands") from exc
''', ['''def safe_divide(a, b):
    if b == 0:
        return None
    return a / b
''']),
("dict_invert", '''def invert(d):
    return {v: k for k, v in d.items()}
''', ['''def invert(d):
    result = dict()
    for key in d:
        result[d[key]] = key
    return result
''']),
("chunks", '''def chunks(seq, size):
    for i in range(0, len(seq), size):
        yield seq[i:i + size]
''', ['''def chunks(seq, size):
    return [seq[i:i + size] for i in range(0, len(seq), size)]
''']),
("lambda_sort", '''def sort_by_second(pairs):
    return sorted(pairs, key=lambda p: (p[1], p[0]), reverse=True)
''', ['''from operator import itemgetter

def sort_by_second(pairs):
    return sorted(pairs, key=itemgetter(1, 0), reverse=True)
''']),
("fstring", '''def greet(name, times=1):
    parts = []
    for i in range(times):
        parts.append(f"Hello, {name}! ({i + 1}/{times})")
    return "\\n".join(parts)
''', ['''def greet(name, times=1):
    return "\\n".join("Hello, %s! (%d/%d)" % (name, i + 1, times) for i in range(times))
''']),
("matrix", '''def transpose(matrix):
    rows = len(matrix)
    cols = len(matrix[0]) if rows else 0
    return [[matrix[r][c] for r in range(rows)] for c in range(cols)]
''', ['''def transpose(matrix):
    return [list(row) for row in zip(*matrix)]
''']),
("anagram", '''def are_anagrams(a, b):
    return sorted(a.replace(" ", "").lower()) == sorted(b.replace(" ", "").lower())
''', ['''from collections import Counter

def are_anagrams(a, b):
    clean = lambda s: Counter(s.replace(" ", "").lower())
    return clean(a) == clean(b)
''']),
("dataclass", '''from dataclasses import dataclass, field
from typing import List


@dataclass
class Order:
    order_id: int
    items: List[str] = field(default_factory=list)
    total: float = 0.0

    def add(self, item: str, price: float) -> None:
        self.items.append(item)
        self.total += price
''', []),
("typed", '''from typing import Dict, Optional


def lookup(table: Dict[str, int], key: str, default: Optional[int] = None) -> Optional[int]:
    if key in table:
        return table[key]
    return default
''', ['''def lookup(table, key, default=None):
    return table.get(key, default)
''']),
("while_input", '''def collatz_steps(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps
''', ['''def collatz_steps(n, steps=0):
    if n == 1:
        return steps
    return collatz_steps(n // 2 if n % 2 == 0 else 3 * n + 1, steps + 1)
''']),
("nested_funcs", '''def make_counter(start=0):
    count = start

    def increment(step=1):
        nonlocal count
        count += step
        return count

    return increment
''', []),
("global_state", '''TOTAL = 0


def add_to_total(x):
    global TOTAL
    TOTAL += x
    return TOTAL
''', []),
("string_ops", '''def title_case(sentence):
    words = sentence.strip().split(" ")
    result = []
    for w in words:
        if w:
            result.append(w[0].upper() + w[1:].lower())
    return " ".join(result)
''', ['''def title_case(sentence):
    return sentence.title()
''']),
("set_ops", '''def common_elements(a, b, c):
    return sorted(set(a) & set(b) & set(c))
''', ['''def common_elements(a, b, c):
    result = []
    for x in a:
        if x in b and x in c and x not in result:
            result.append(x)
    return sorted(result)
''']),
("assertions", '''def mean(values):
    assert len(values) > 0, "values must not be empty"
    return sum(values) / len(values)
''', ['''import statistics

def mean(values):
    return statistics.mean(values)
''']),
("json_parse", '''import json


def load_config(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k.lower(): v for k, v in data.items() if v is not None}
''', []),
("async_fetch", '''import asyncio


async def fetch_all(urls, fetch):
    tasks = [asyncio.create_task(fetch(u)) for u in urls]
    results = await asyncio.gather(*tasks)
    return dict(zip(urls, results))
''', []),
("generator_pipeline", '''def squares_of_odds(numbers):
    odds = (n for n in numbers if n % 2)
    return list(map(lambda n: n * n, odds))
''', ['''def squares_of_odds(numbers):
    return [n ** 2 for n in numbers if n % 2 == 1]
''']),
("class_inherit", '''class Shape:
    def area(self):
        raise NotImplementedError


class Rectangle(Shape):
    def __init__(self, width, height):
        super().__init__()
        self.width = width
        self.height = height

    def area(self):
        return self.width * self.height


class Square(Rectangle):
    def __init__(self, side):
        super().__init__(side, side)
''', []),
("main_guard", '''import sys


def main(argv):
    if len(argv) < 2:
        print("usage: prog NAME", file=sys.stderr)
        return 1
    print("hello", argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
''', []),
("two_sum", '''def two_sum(nums, target):
    seen = {}
    for i, n in enumerate(nums):
        if target - n in seen:
            return [seen[target - n], i]
        seen[n] = i
    return []
''', ['''def two_sum(nums, target):
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] + nums[j] == target:
                return [i, j]
    return []
''']),
("caesar", '''def caesar(text, shift):
    out = []
    for ch in text:
        if ch.isalpha():
            base = ord("A") if ch.isupper() else ord("a")
            out.append(chr((ord(ch) - base + shift) % 26 + base))
        else:
            out.append(ch)
    return "".join(out)
''', []),
("run_length", '''def rle(s):
    if not s:
        return ""
    result = []
    prev, count = s[0], 1
    for ch in s[1:]:
        if ch == prev:
            count += 1
        else:
            result.append(f"{prev}{count}")
            prev, count = ch, 1
    result.append(f"{prev}{count}")
    return "".join(result)
''', ['''from itertools import groupby

def rle(s):
    return "".join(f"{k}{len(list(g))}" for k, g in groupby(s))
''']),
("walrus_misc", '''def first_long(words, n):
    for w in words:
        if (length := len(w)) > n:
            return w, length
    return None, 0
''', []),
("del_and_slices", '''def remove_middle(items):
    items = items[:]
    if len(items) > 2:
        del items[1:-1]
    return items
''', []),
("kwargs", '''def build_url(base, *paths, secure=True, **params):
    scheme = "https" if secure else "http"
    url = scheme + "://" + base + "/" + "/".join(paths)
    if params:
        query = "&".join(f"{k}={v}" for k, v in sorted(params.items()))
        url += "?" + query
    return url
''', []),
("one_liner", '''x = 1''', ['''y = 2''']),
("expression_only", '''print("hello world")''', []),
("constants", '''PI = 3.14159
E = 2.71828
NAMES = ["a", "b", "c"]
LOOKUP = {"x": 1, "y": 2}
EMPTY = None
FLAG = True or False
''', []),
]
