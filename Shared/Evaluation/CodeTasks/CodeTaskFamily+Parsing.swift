extension CodeTaskFamily {
    /// Parsing tasks: key-value strings, numbers in text, times, brackets, binary.
    static let parsing: [CodeTaskFamily] = [
        CodeTaskFamily(name: "parse_key_values") { rng in
            let (pairSep, kvSep) = rng.pick([(";", "="), (",", ":"), ("&", "="), ("|", "-"), (" ", "=")])
            let f = rng.pick(["parse_key_values", "parse_settings", "parse_pairs", "to_dict"])
            let p = rng.pick(["s", "text", "query"])
            let wording = rng.pick([
                "Parse `{p}`, made of key{kv}value pairs separated by '{pair}', into a dict of strings (an empty string gives {}).",
                "Write `{f}` that turns 'a{kv}1{pair}b{kv}2' style text into a dictionary of string values.",
                "Split the text on '{pair}' into entries and each entry on the first '{kv}' into key and value; return them as a dict.",
            ])
            let inputs = (0..<4).map { _ -> [(String, String)] in
                Array(Set(rng.words(count: 0...4))).sorted().map { ($0, "\(rng.int(0...99))") }
            }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "str")], returnType: "dict[str, str]",
                instruction: fill(wording, ["f": f, "p": p, "pair": pairSep, "kv": kvSep]),
                body: "    out = {}\n    if not \(p):\n        return out\n    for entry in \(p).split('\(pairSep)'):\n        key, value = entry.split('\(kvSep)', 1)\n        out[key] = value\n    return out\n",
                cases: inputs.map { pairs in
                    let text = pairs.map { $0.0 + kvSep + $0.1 }.joined(separator: pairSep)
                    return Case(arguments: [.str(text)], expected: .dict(pairs.map { (.str($0.0), .str($0.1)) }))
                })
        },
        CodeTaskFamily(name: "sum_numbers_in_text") { rng in
            let f = rng.pick(["sum_numbers_in_text", "add_embedded_numbers", "total_digits_runs", "sum_integers_in"])
            let p = rng.pick(["s", "text"])
            let wording = rng.pick([
                "Return the sum of all maximal runs of digits in `{p}`, read as non-negative integers.",
                "Write `{f}` that finds every number written with digits inside a string and adds them up.",
                "Add up the integers embedded in the text (each run of consecutive digits is one number).",
            ])
            let inputs = (0..<4).map { _ in
                (0..<rng.int(0...5)).map { _ in rng.chance(0.5) ? rng.pick(SeededGenerator.vocabulary) : "\(rng.int(0...500))" }
                    .joined(separator: rng.pick(["", " ", "-", ","]))
            } + ["abc", "7"]
            let body = "    total = 0\n    current = ''\n    for ch in \(p) + ' ':\n        if ch.isdigit():\n            current += ch\n        elif current:\n            total += int(current)\n            current = ''\n    return total\n"
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "str")], returnType: "int",
                instruction: fill(wording, ["f": f, "p": p]), body: body,
                cases: inputs.map { s in
                    let total = s.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).compactMap { Int($0) }.reduce(0, +)
                    return Case(arguments: [.str(s)], expected: .int(total))
                })
        },
        CodeTaskFamily(name: "parse_int_list") { rng in
            let (separator, shown) = rng.pick([(",", "','"), (";", "';'"), ("|", "'|'"), (":", "':'")])
            let f = rng.pick(["parse_int_list", "parse_numbers", "read_ints", "split_ints"])
            let p = rng.pick(["s", "line", "text"])
            let wording = rng.pick([
                "Parse `{p}`, integers separated by {sep} with optional spaces around them, into a list of ints (empty text gives []).",
                "Write `{f}` that reads a {sep}-separated line of integers into a list.",
                "Turn the text of integers delimited by {sep} into a list of int values.",
            ])
            let inputs = (0..<4).map { _ in rng.ints(count: 0...6, values: -50...500) }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "str")], returnType: "list[int]",
                instruction: fill(wording, ["f": f, "p": p, "sep": shown]),
                body: "    if not \(p).strip():\n        return []\n    return [int(part) for part in \(p).split('\(separator)')]\n",
                cases: inputs.map { xs in
                    let text = xs.map { String(repeating: " ", count: rng.int(0...1)) + "\($0)" }.joined(separator: separator)
                    return Case(arguments: [.str(text)], expected: .ints(xs))
                })
        },
        CodeTaskFamily(name: "time_to_seconds") { rng in
            let withHours = rng.chance(0.5)
            let format = withHours ? "'HH:MM:SS'" : "'MM:SS'"
            let f = rng.pick(["time_to_seconds", "parse_duration", "clock_to_seconds", "seconds_from_text"])
            let p = rng.pick(["stamp", "t", "duration"])
            let wording = rng.pick([
                "Convert `{p}`, a time written as {format}, into a total number of seconds.",
                "Write `{f}` that parses a {format} string and returns the seconds it stands for.",
                "Return the number of seconds in a duration given as {format}.",
            ])
            let inputs = (0..<4).map { _ in (rng.int(0...23), rng.int(0...59), rng.int(0...59)) }
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            let body = withHours
                ? "    h, m, s = (int(part) for part in \(p).split(':'))\n    return h * 3600 + m * 60 + s\n"
                : "    m, s = (int(part) for part in \(p).split(':'))\n    return m * 60 + s\n"
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "str")], returnType: "int",
                instruction: fill(wording, ["f": f, "p": p, "format": format]), body: body,
                cases: inputs.map { h, m, s in
                    withHours
                        ? Case(arguments: [.str("\(two(h)):\(two(m)):\(two(s))")], expected: .int(h * 3600 + m * 60 + s))
                        : Case(arguments: [.str("\(two(m)):\(two(s))")], expected: .int(m * 60 + s))
                })
        },
        CodeTaskFamily(name: "balanced_brackets") { rng in
            let allKinds = rng.chance(0.5)
            let kinds = allKinds ? "(), [] and {}" : "round brackets ()"
            let f = rng.pick(["balanced_brackets", "is_balanced", "brackets_match", "valid_nesting"])
            let p = rng.pick(["s", "expr"])
            let wording = rng.pick([
                "Return True if the brackets in `{p}` are balanced and properly nested; only {kinds} appear, nothing else.",
                "Write `{f}` that checks a string of {kinds} for correct nesting.",
                "Decide whether every opening bracket is closed in the right order ({kinds}).",
            ])
            let alphabet = allKinds ? ["(", ")", "[", "]", "{", "}"] : ["(", ")"]
            let balanced = allKinds ? ["([]{})", "{[()]}", ""] : ["(())()", "()", ""]
            let inputs = balanced + (0..<4).map { _ in (0..<rng.int(1...8)).map { _ in rng.pick(alphabet) }.joined() }
                + [allKinds ? "([)]" : ")("]
            let body = "    pairs = {')': '(', ']': '[', '}': '{'}\n    stack = []\n    for ch in \(p):\n        if ch in '([{':\n            stack.append(ch)\n        elif not stack or stack.pop() != pairs[ch]:\n            return False\n    return not stack\n"
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "str")], returnType: "bool",
                instruction: fill(wording, ["f": f, "p": p, "kinds": kinds]), body: body,
                cases: inputs.map { s in
                    var stack: [Character] = []
                    var ok = true
                    let opening: [Character: Character] = [")": "(", "]": "[", "}": "{"]
                    for ch in s where ok {
                        if "([{".contains(ch) { stack.append(ch) } else if stack.popLast() != opening[ch] { ok = false }
                    }
                    return Case(arguments: [.str(s)], expected: .bool(ok && stack.isEmpty))
                })
        },
        CodeTaskFamily(name: "binary_conversion") { rng in
            let toBinary = rng.chance(0.5)
            let f = rng.pick(toBinary ? ["to_binary", "int_to_binary", "binary_string", "as_bits"]
                                      : ["from_binary", "binary_to_int", "parse_bits", "bits_value"])
            let p = toBinary ? rng.pick(["n", "value"]) : rng.pick(["bits", "b"])
            let wording = toBinary
                ? rng.pick([
                    "Return the binary representation of the non-negative integer `{p}` without a prefix ('0' for zero).",
                    "Write `{f}` that writes a non-negative integer in base 2 as a string of 0s and 1s.",
                ])
                : rng.pick([
                    "Return the integer value of `{p}`, a non-empty string of binary digits.",
                    "Write `{f}` that converts a string of 0s and 1s to the number it denotes.",
                ])
            let numbers = [rng.int(0...1000), 0, 1, rng.int(1000...100_000), 255]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, toBinary ? "int" : "str")], returnType: toBinary ? "str" : "int",
                instruction: fill(wording, ["f": f, "p": p]),
                body: toBinary ? "    return bin(\(p))[2:]\n" : "    return int(\(p), 2)\n",
                cases: numbers.map { n in
                    toBinary ? Case(arguments: [.int(n)], expected: .str(String(n, radix: 2)))
                        : Case(arguments: [.str(String(n, radix: 2))], expected: .int(n))
                })
        },
    ]
}
