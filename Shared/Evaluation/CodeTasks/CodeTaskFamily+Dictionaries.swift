extension CodeTaskFamily {
    /// Dictionary tasks: inverting, merging, grouping, filtering.
    static let dictionaries: [CodeTaskFamily] = [
        CodeTaskFamily(name: "invert_dict") { rng in
            let f = rng.pick(["invert_dict", "swap_keys_values", "reverse_mapping", "flip_dict"])
            let p = rng.pick(["mapping", "d", "table"])
            let wording = rng.pick([
                "Return a new dict whose keys are the values of `{p}` and whose values are its keys (values are unique).",
                "Write `{f}` that swaps keys and values of a dictionary with distinct values.",
                "Invert the mapping: each value points back to its key.",
            ])
            let inputs = (0..<4).map { _ -> [(String, Int)] in
                let keys = Array(Set(rng.words(count: 0...5)))
                let values = rng.shuffled(Array(0..<10))
                return keys.sorted().enumerated().map { ($1, values[$0]) }
            }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "dict[str, int]")], returnType: "dict[int, str]",
                instruction: fill(wording, ["f": f, "p": p]),
                body: "    return {v: k for k, v in \(p).items()}\n",
                cases: inputs.map { pairs in
                    Case(arguments: [.dict(pairs.map { (.str($0.0), .int($0.1)) })],
                         expected: .dict(pairs.map { (.int($0.1), .str($0.0)) }))
                })
        },
        CodeTaskFamily(name: "merge_sum") { rng in
            let f = rng.pick(["merge_sum", "combine_counts", "add_dicts", "merge_totals"])
            let wording = rng.pick([
                "Merge the dicts `a` and `b`; a key in both gets the sum of its two values.",
                "Write `{f}` that combines two count dictionaries by adding values of shared keys.",
                "Return one dict holding every key of both inputs, values added where keys overlap.",
            ])
            let make = { (rng: inout SeededGenerator) -> [(String, Int)] in
                Array(Set(rng.words(count: 0...4).map { String($0.prefix(3)) })).sorted().map { ($0, rng.int(1...9)) }
            }
            let inputs = (0..<4).map { _ in (make(&rng), make(&rng)) }
            return CodeTaskDraft(
                functionName: f, parameters: [("a", "dict[str, int]"), ("b", "dict[str, int]")], returnType: "dict[str, int]",
                instruction: fill(wording, ["f": f]),
                body: "    out = dict(a)\n    for k, v in b.items():\n        out[k] = out.get(k, 0) + v\n    return out\n",
                cases: inputs.map { a, b in
                    var order = a.map(\.0)
                    var values = Dictionary(uniqueKeysWithValues: a)
                    for (k, v) in b {
                        if values[k] == nil { order.append(k) }
                        values[k, default: 0] += v
                    }
                    return Case(arguments: [.dict(a.map { (.str($0.0), .int($0.1)) }), .dict(b.map { (.str($0.0), .int($0.1)) })],
                                expected: .dict(order.map { (.str($0), .int(values[$0] ?? 0)) }))
                })
        },
        CodeTaskFamily(name: "key_of_max") { rng in
            let f = rng.pick(["key_of_max", "best_key", "argmax_key", "top_scorer"])
            let p = rng.pick(["scores", "d", "counts"])
            let wording = rng.pick([
                "Return the key of `{p}` with the largest value (the earliest inserted key on ties); the dict is not empty.",
                "Write `{f}` that finds which key maps to the highest value, preferring the first on ties.",
                "Given a non-empty dict of integers, return the key whose value is greatest.",
            ])
            let inputs = (0..<4).map { _ -> [(String, Int)] in
                Array(Set(rng.words(count: 1...5))).sorted().map { ($0, rng.int(0...9)) }
            }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "dict[str, int]")], returnType: "str",
                instruction: fill(wording, ["f": f, "p": p]), body: "    return max(\(p), key=\(p).get)\n",
                cases: inputs.map { pairs in
                    var best = pairs[0]
                    for pair in pairs where pair.1 > best.1 { best = pair }
                    return Case(arguments: [.dict(pairs.map { (.str($0.0), .int($0.1)) })], expected: .str(best.0))
                })
        },
        CodeTaskFamily(name: "group_by_length") { rng in
            let f = rng.pick(["group_by_length", "bucket_by_size", "words_by_length", "length_groups"])
            let p = rng.pick(["words", "items"])
            let wording = rng.pick([
                "Group the strings of `{p}` by length: return a dict from each length to the words of that length, in input order.",
                "Write `{f}` that buckets words into a dict keyed by word length.",
                "Return {length: [words with that length]} for the given list, keeping the original order inside each list.",
            ])
            let inputs = (0..<4).map { _ in rng.words(count: 0...6) }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "list[str]")], returnType: "dict[int, list[str]]",
                instruction: fill(wording, ["f": f, "p": p]),
                body: "    groups = {}\n    for w in \(p):\n        groups.setdefault(len(w), []).append(w)\n    return groups\n",
                cases: inputs.map { words in
                    var order: [Int] = []
                    var groups: [Int: [String]] = [:]
                    for word in words {
                        if groups[word.count] == nil { order.append(word.count) }
                        groups[word.count, default: []].append(word)
                    }
                    return Case(arguments: [.strs(words)], expected: .dict(order.map { (.int($0), .strs(groups[$0] ?? [])) }))
                })
        },
        CodeTaskFamily(name: "count_by_first_letter") { rng in
            let f = rng.pick(["count_by_first_letter", "initial_counts", "first_letter_histogram", "tally_initials"])
            let p = rng.pick(["words", "names"])
            let wording = rng.pick([
                "Count the non-empty strings of `{p}` by their first letter and return the counts as a dict.",
                "Write `{f}` that maps each initial letter to the number of words starting with it.",
                "Return a dict from first character to how many words begin with it.",
            ])
            let inputs = (0..<4).map { _ in rng.words(count: 0...8) }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "list[str]")], returnType: "dict[str, int]",
                instruction: fill(wording, ["f": f, "p": p]),
                body: "    counts = {}\n    for w in \(p):\n        counts[w[0]] = counts.get(w[0], 0) + 1\n    return counts\n",
                cases: inputs.map { words in
                    var order: [String] = []
                    var counts: [String: Int] = [:]
                    for word in words {
                        let first = String(word.prefix(1))
                        if counts[first] == nil { order.append(first) }
                        counts[first, default: 0] += 1
                    }
                    return Case(arguments: [.strs(words)], expected: .dict(order.map { (.str($0), .int(counts[$0] ?? 0)) }))
                })
        },
        CodeTaskFamily(name: "filter_dict") { rng in
            let t = rng.int(1...8)
            let f = rng.pick(["filter_dict", "keep_at_least", "prune_small", "entries_above"])
            let p = rng.pick(["stock", "d", "counts"])
            let wording = rng.pick([
                "Return a new dict with only the entries of `{p}` whose value is at least {t}.",
                "Write `{f}` that drops every key whose value is below {t}.",
                "Keep the items with values >= {t}, in the original order.",
            ])
            let inputs = (0..<4).map { _ -> [(String, Int)] in
                Array(Set(rng.words(count: 0...6))).sorted().map { ($0, rng.int(0...10)) }
            }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "dict[str, int]")], returnType: "dict[str, int]",
                instruction: fill(wording, ["f": f, "p": p, "t": "\(t)"]),
                body: "    return {k: v for k, v in \(p).items() if v >= \(t)}\n",
                cases: inputs.map { pairs in
                    Case(arguments: [.dict(pairs.map { (.str($0.0), .int($0.1)) })],
                         expected: .dict(pairs.filter { $0.1 >= t }.map { (.str($0.0), .int($0.1)) }))
                })
        },
    ]
}
