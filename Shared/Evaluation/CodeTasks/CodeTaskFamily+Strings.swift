extension CodeTaskFamily {
    typealias Case = CodeTaskDraft.Case

    /// String tasks: reversing, counting, casing, encoding.
    static let strings: [CodeTaskFamily] = [
        CodeTaskFamily(name: "reverse_string") { rng in
            let f = rng.pick(["reverse_string", "reverse_text", "flip_string", "backwards", "mirror_text", "reversed_copy"])
            let p = rng.pick(["s", "text", "word"])
            let wording = rng.pick([
                "Write a Python function to reverse a string.",
                "Write a Python function `{f}` that returns its argument reversed.",
                "Return the characters of `{p}` in reverse order.",
                "Given a string `{p}`, return a new string with its characters in the opposite order.",
                "Implement `{f}`: reverse the string it is given.",
                "Reverse `{p}` and return the result; `{f}('ab')` is 'ba'.",
            ])
            let inputs = [rng.pick(SeededGenerator.vocabulary), "", "a", rng.words(count: 2...3).joined(separator: " ")]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "str")], returnType: "str",
                instruction: fill(wording, ["f": f, "p": p]), body: "    return \(p)[::-1]\n",
                cases: inputs.map { Case(arguments: [.str($0)], expected: .str(String($0.reversed()))) })
        },
        CodeTaskFamily(name: "count_char") { rng in
            let c = rng.pick(SeededGenerator.letters)
            let f = rng.pick(["count_char", "count_letter", "occurrences", "letter_count"])
            let p = rng.pick(["s", "text"])
            let wording = rng.pick([
                "Count how many times the letter '{c}' occurs in `{p}`.",
                "Return the number of '{c}' characters in the given string.",
                "Write a function `{f}` that counts the occurrences of '{c}' in a string.",
            ])
            let inputs = (0..<4).map { _ in rng.words(count: 1...4).joined(separator: " ") } + ["", c + c + "x" + c]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "str")], returnType: "int",
                instruction: fill(wording, ["f": f, "p": p, "c": c]), body: "    return \(p).count('\(c)')\n",
                cases: inputs.map { s in Case(arguments: [.str(s)], expected: .int(s.filter { String($0) == c }.count)) })
        },
        CodeTaskFamily(name: "is_palindrome") { rng in
            let ignoreCase = rng.chance(0.5)
            let f = rng.pick(["is_palindrome", "palindrome", "reads_same_backwards", "check_palindrome"])
            let p = rng.pick(["s", "word"])
            let rule = ignoreCase ? "ignoring letter case" : "with upper and lower case letters treated as different"
            let wording = rng.pick([
                "Return True if `{p}` reads the same forwards and backwards, {rule}.",
                "Write `{f}`, which checks whether a string is a palindrome, {rule}.",
                "Decide whether the string is a palindrome ({rule}) and return a bool.",
            ])
            let inputs = ["level", "Racecar", "abba", "Abba", "abc", "", rng.pick(SeededGenerator.vocabulary), "noon", "Noon"]
            let body = ignoreCase
                ? "    t = \(p).lower()\n    return t == t[::-1]\n"
                : "    return \(p) == \(p)[::-1]\n"
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "str")], returnType: "bool",
                instruction: fill(wording, ["f": f, "p": p, "rule": rule]), body: body,
                cases: inputs.map { s in
                    let t = ignoreCase ? s.lowercased() : s
                    return Case(arguments: [.str(s)], expected: .bool(t == String(t.reversed())))
                })
        },
        CodeTaskFamily(name: "capitalize_words") { rng in
            let f = rng.pick(["capitalize_words", "title_words", "upper_initials", "headline"])
            let p = rng.pick(["sentence", "s", "text"])
            let wording = rng.pick([
                "Make the first letter of every space-separated word in `{p}` upper case.",
                "Write `{f}` that capitalises the first letter of each word (words are separated by single spaces).",
                "Return `{p}` with each word's initial letter in upper case and the rest unchanged.",
            ])
            let inputs = (0..<4).map { _ in rng.words(count: 1...5).joined(separator: " ") } + ["a b c"]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "str")], returnType: "str",
                instruction: fill(wording, ["f": f, "p": p]),
                body: "    return ' '.join(w[:1].upper() + w[1:] for w in \(p).split(' '))\n",
                cases: inputs.map { s in
                    let out = s.split(separator: " ", omittingEmptySubsequences: false)
                        .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
                    return Case(arguments: [.str(s)], expected: .str(out))
                })
        },
        CodeTaskFamily(name: "remove_char") { rng in
            let c = rng.pick(SeededGenerator.letters)
            let f = rng.pick(["remove_char", "strip_letter", "without_letter", "drop_char"])
            let p = rng.pick(["s", "text"])
            let wording = rng.pick([
                "Remove every '{c}' from `{p}` and return what is left.",
                "Write `{f}` that deletes all occurrences of the letter '{c}' from a string.",
                "Return the string without any '{c}' characters.",
            ])
            let inputs = (0..<4).map { _ in rng.words(count: 1...4).joined(separator: " ") } + [c + c, ""]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "str")], returnType: "str",
                instruction: fill(wording, ["f": f, "p": p, "c": c]), body: "    return \(p).replace('\(c)', '')\n",
                cases: inputs.map { s in Case(arguments: [.str(s)], expected: .str(s.filter { String($0) != c })) })
        },
        CodeTaskFamily(name: "repeat_join") { rng in
            let n = rng.int(2...6)
            let separator = rng.pick(["-", ",", " ", "|", "+", ":", "/"])
            let f = rng.pick(["repeat_join", "repeat_with_separator", "echo_text", "stutter"])
            let p = rng.pick(["s", "word"])
            let wording = rng.pick([
                "Return `{p}` repeated {n} times, the copies joined by '{sep}'.",
                "Write `{f}` that writes a string {n} times with '{sep}' between the copies.",
                "Join {n} copies of the input string with the separator '{sep}'.",
            ])
            let inputs = [rng.pick(SeededGenerator.vocabulary), "", "ab", rng.pick(SeededGenerator.vocabulary)]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "str")], returnType: "str",
                instruction: fill(wording, ["f": f, "p": p, "n": "\(n)", "sep": separator]),
                body: "    return '\(separator)'.join([\(p)] * \(n))\n",
                cases: inputs.map { s in
                    Case(arguments: [.str(s)], expected: .str(Array(repeating: s, count: n).joined(separator: separator)))
                })
        },
        CodeTaskFamily(name: "caesar_shift") { rng in
            let k = rng.int(1...25)
            let f = rng.pick(["caesar_shift", "rotate_letters", "shift_cipher", "encode_caesar"])
            let p = rng.pick(["s", "message"])
            let wording = rng.pick([
                "Shift every lower-case letter of `{p}` forward by {k} places in the alphabet, wrapping from 'z' to 'a'; other characters stay.",
                "Write `{f}`, a Caesar cipher with shift {k} for lower-case letters (anything else is unchanged).",
                "Encode the message with a Caesar shift of {k}: 'a'..'z' rotate, all other characters are kept.",
            ])
            let inputs = (0..<4).map { _ in rng.words(count: 1...3).joined(separator: " ") } + ["xyz!", ""]
            let body = """
                    out = []
                    for ch in \(p):
                        if 'a' <= ch <= 'z':
                            out.append(chr((ord(ch) - ord('a') + \(k)) % 26 + ord('a')))
                        else:
                            out.append(ch)
                    return ''.join(out)

                """
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "str")], returnType: "str",
                instruction: fill(wording, ["f": f, "p": p, "k": "\(k)"]), body: body,
                cases: inputs.map { s in
                    let shifted = s.unicodeScalars.map { scalar -> String in
                        guard scalar.value >= 97 && scalar.value <= 122 else { return String(scalar) }
                        return String(UnicodeScalar(UInt8((Int(scalar.value) - 97 + k) % 26 + 97)))
                    }.joined()
                    return Case(arguments: [.str(s)], expected: .str(shifted))
                })
        },
        CodeTaskFamily(name: "count_words") { rng in
            let f = rng.pick(["count_words", "word_count", "number_of_words", "words_in"])
            let p = rng.pick(["s", "text", "sentence"])
            let wording = rng.pick([
                "Count the words in `{p}`; words are separated by any amount of whitespace.",
                "Write `{f}` that returns how many whitespace-separated words a string has.",
                "Return the number of words in the text (runs of spaces count as one separator).",
            ])
            var inputs = (0..<4).map { _ in
                rng.words(count: 1...6).map { $0 + String(repeating: " ", count: rng.int(0...2)) }.joined(separator: " ")
            }
            inputs += ["", "   ", "  one  "]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "str")], returnType: "int",
                instruction: fill(wording, ["f": f, "p": p]), body: "    return len(\(p).split())\n",
                cases: inputs.map { s in Case(arguments: [.str(s)], expected: .int(s.split(separator: " ").count)) })
        },
        CodeTaskFamily(name: "longest_word") { rng in
            let f = rng.pick(["longest_word", "find_longest", "biggest_word", "longest_token"])
            let p = rng.pick(["sentence", "s", "text"])
            let wording = rng.pick([
                "Return the longest word of `{p}` (the first one if several are equally long).",
                "Write `{f}` that finds the longest space-separated word, preferring the earliest on ties.",
                "Given a non-empty sentence, return its longest word; ties go to the word that comes first.",
            ])
            let inputs = (0..<5).map { _ in rng.words(count: 1...6).joined(separator: " ") }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "str")], returnType: "str",
                instruction: fill(wording, ["f": f, "p": p]), body: "    return max(\(p).split(), key=len)\n",
                cases: inputs.map { s in
                    var best = ""
                    for word in s.split(separator: " ") where word.count > best.count { best = String(word) }
                    return Case(arguments: [.str(s)], expected: .str(best))
                })
        },
        CodeTaskFamily(name: "char_frequency") { rng in
            let skipSpaces = rng.chance(0.5)
            let f = rng.pick(["char_frequency", "letter_histogram", "count_characters", "char_counts"])
            let p = rng.pick(["s", "text"])
            let rule = skipSpaces ? "leaving out spaces" : "spaces included"
            let wording = rng.pick([
                "Return a dict mapping each character of `{p}` to how often it occurs, {rule}.",
                "Write `{f}` that counts every character of a string into a dictionary, {rule}.",
                "Build a character frequency table (a dict), {rule}.",
            ])
            let inputs = (0..<3).map { _ in rng.words(count: 1...3).joined(separator: " ") } + ["", "aa b"]
            let body = skipSpaces
                ? "    counts = {}\n    for ch in \(p):\n        if ch != ' ':\n            counts[ch] = counts.get(ch, 0) + 1\n    return counts\n"
                : "    counts = {}\n    for ch in \(p):\n        counts[ch] = counts.get(ch, 0) + 1\n    return counts\n"
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "str")], returnType: "dict",
                instruction: fill(wording, ["f": f, "p": p, "rule": rule]), body: body,
                cases: inputs.map { s in
                    var order: [String] = []
                    var counts: [String: Int] = [:]
                    for ch in s.map(String.init) where !(skipSpaces && ch == " ") {
                        if counts[ch] == nil { order.append(ch) }
                        counts[ch, default: 0] += 1
                    }
                    return Case(arguments: [.str(s)], expected: .dict(order.map { (.str($0), .int(counts[$0] ?? 0)) }))
                })
        },
        CodeTaskFamily(name: "run_length_encode") { rng in
            let countFirst = rng.chance(0.5)
            let f = rng.pick(["run_length_encode", "rle", "compress_runs", "encode_runs"])
            let p = rng.pick(["s", "text"])
            let format = countFirst ? "the count followed by the character, e.g. 'aaab' -> '3a1b'"
                : "the character followed by the count, e.g. 'aaab' -> 'a3b1'"
            let wording = rng.pick([
                "Run-length encode `{p}`: each run of equal characters becomes {format}.",
                "Write `{f}` that compresses runs of repeated characters as {format}.",
            ])
            let inputs = (0..<4).map { _ in
                (0..<rng.int(1...5)).map { _ in String(repeating: rng.pick(["a", "b", "c", "x"]), count: rng.int(1...4)) }.joined()
            } + [""]
            let piece = countFirst ? "str(count) + prev" : "prev + str(count)"
            let body = """
                    out = ''
                    i = 0
                    while i < len(\(p)):
                        prev = \(p)[i]
                        count = 0
                        while i < len(\(p)) and \(p)[i] == prev:
                            count += 1
                            i += 1
                        out += \(piece)
                    return out

                """
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "str")], returnType: "str",
                instruction: fill(wording, ["f": f, "p": p, "format": format]), body: body,
                cases: inputs.map { s in
                    var out = ""
                    var chars = Array(s)[...]
                    while let first = chars.first {
                        let run = chars.prefix { $0 == first }.count
                        out += countFirst ? "\(run)\(first)" : "\(first)\(run)"
                        chars = chars.dropFirst(run)
                    }
                    return Case(arguments: [.str(s)], expected: .str(out))
                })
        },
        CodeTaskFamily(name: "camel_to_snake") { rng in
            let f = rng.pick(["camel_to_snake", "to_snake_case", "snakeify", "underscore_name"])
            let p = rng.pick(["name", "identifier"])
            let wording = rng.pick([
                "Convert the camelCase identifier `{p}` to snake_case: each upper-case letter becomes '_' plus its lower-case form.",
                "Write `{f}` that turns camelCase names into snake_case.",
                "Return the snake_case spelling of a camelCase name (an upper-case letter X becomes '_x').",
            ])
            let inputs = (0..<4).map { _ in
                let words = rng.words(count: 1...4)
                return words[0] + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            } + ["x"]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "str")], returnType: "str",
                instruction: fill(wording, ["f": f, "p": p]),
                body: "    return ''.join('_' + c.lower() if c.isupper() else c for c in \(p))\n",
                cases: inputs.map { s in
                    let out = s.map { $0.isUppercase ? "_" + $0.lowercased() : String($0) }.joined()
                    return Case(arguments: [.str(s)], expected: .str(out))
                })
        },
        CodeTaskFamily(name: "count_prefix") { rng in
            let prefix = rng.pick(SeededGenerator.letters) + (rng.chance(0.3) ? rng.pick(["a", "e", "o", "i"]) : "")
            let f = rng.pick(["count_prefix", "count_starting_with", "prefix_matches", "how_many_start"])
            let p = rng.pick(["words", "items"])
            let wording = rng.pick([
                "Count the strings in `{p}` that start with '{prefix}'.",
                "Write `{f}` returning how many words of a list begin with the prefix '{prefix}'.",
                "Return the number of list entries beginning with '{prefix}'.",
            ])
            let inputs = (0..<4).map { _ in rng.words(count: 0...7) + (rng.chance(0.5) ? [prefix + "x"] : []) }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "list[str]")], returnType: "int",
                instruction: fill(wording, ["f": f, "p": p, "prefix": prefix]),
                body: "    return sum(1 for w in \(p) if w.startswith('\(prefix)'))\n",
                cases: inputs.map { words in
                    Case(arguments: [.strs(words)], expected: .int(words.filter { $0.hasPrefix(prefix) }.count))
                })
        },
    ]
}
