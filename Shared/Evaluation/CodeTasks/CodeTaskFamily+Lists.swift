extension CodeTaskFamily {
    /// List tasks: filtering, aggregating, reshaping.
    static let lists: [CodeTaskFamily] = [
        CodeTaskFamily(name: "sum_multiples_in_list") { rng in
            let k = rng.int(2...9)
            let f = rng.pick(["sum_multiples", "sum_divisible", "total_of_multiples", "add_multiples"])
            let p = rng.pick(["nums", "numbers", "values"])
            let wording = rng.pick([
                "Return the sum of the numbers in `{p}` that are divisible by {k}.",
                "Write `{f}` that adds up every element of a list that is a multiple of {k}.",
                "Sum the multiples of {k} in the given list of integers (0 if there are none).",
            ])
            let inputs = (0..<4).map { _ in rng.ints(count: 0...8, values: -30...60) } + [[]]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "list[int]")], returnType: "int",
                instruction: fill(wording, ["f": f, "p": p, "k": "\(k)"]),
                body: "    return sum(x for x in \(p) if x % \(k) == 0)\n",
                cases: inputs.map { xs in Case(arguments: [.ints(xs)], expected: .int(xs.filter { $0 % k == 0 }.reduce(0, +))) })
        },
        CodeTaskFamily(name: "filter_greater") { rng in
            let t = rng.int(-10...50)
            let f = rng.pick(["filter_greater", "above_threshold", "keep_large", "greater_than"])
            let p = rng.pick(["nums", "values", "xs"])
            let wording = rng.pick([
                "Return the elements of `{p}` that are greater than {t}, in their original order.",
                "Write `{f}` that keeps only the numbers strictly above {t}.",
                "Filter a list of integers down to those larger than {t}, preserving order.",
            ])
            let inputs = (0..<4).map { _ in rng.ints(count: 0...8, values: (t - 20)...(t + 20)) }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "list[int]")], returnType: "list[int]",
                instruction: fill(wording, ["f": f, "p": p, "t": "\(t)"]),
                body: "    return [x for x in \(p) if x > \(t)]\n",
                cases: inputs.map { xs in Case(arguments: [.ints(xs)], expected: .ints(xs.filter { $0 > t })) })
        },
        CodeTaskFamily(name: "list_spread") { rng in
            let f = rng.pick(["list_spread", "value_range", "max_minus_min", "spread"])
            let p = rng.pick(["nums", "values", "readings"])
            let wording = rng.pick([
                "Return the difference between the largest and the smallest number in the non-empty list `{p}`.",
                "Write `{f}`: the maximum of a non-empty list minus its minimum.",
                "Compute the spread (max - min) of a non-empty list of integers.",
            ])
            let inputs = (0..<4).map { _ in rng.ints(count: 1...8, values: -50...50) } + [[7]]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "list[int]")], returnType: "int",
                instruction: fill(wording, ["f": f, "p": p]), body: "    return max(\(p)) - min(\(p))\n",
                cases: inputs.map { xs in Case(arguments: [.ints(xs)], expected: .int((xs.max() ?? 0) - (xs.min() ?? 0))) })
        },
        CodeTaskFamily(name: "second_largest") { rng in
            let f = rng.pick(["second_largest", "runner_up", "second_max", "next_to_max"])
            let p = rng.pick(["nums", "scores", "values"])
            let wording = rng.pick([
                "Return the second largest distinct value in `{p}` (it has at least two distinct values).",
                "Write `{f}` that finds the runner-up value of a list, ignoring duplicates of the maximum.",
                "Given integers with at least two different values, return the largest one that is below the maximum.",
            ])
            let inputs = (0..<5).map { _ -> [Int] in
                var xs = rng.ints(count: 2...8, values: -20...40)
                if Set(xs).count < 2 { xs.append((xs.max() ?? 0) + 1) }
                return xs
            }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "list[int]")], returnType: "int",
                instruction: fill(wording, ["f": f, "p": p]), body: "    return sorted(set(\(p)))[-2]\n",
                cases: inputs.map { xs in
                    let distinct = Array(Set(xs)).sorted()
                    return Case(arguments: [.ints(xs)], expected: .int(distinct[distinct.count - 2]))
                })
        },
        CodeTaskFamily(name: "dedupe_keep_order") { rng in
            let f = rng.pick(["dedupe", "unique_in_order", "remove_duplicates", "first_occurrences"])
            let p = rng.pick(["items", "nums", "values"])
            let wording = rng.pick([
                "Remove duplicates from `{p}`, keeping the first occurrence of each value in its original position.",
                "Write `{f}` that returns the distinct elements of a list in order of first appearance.",
                "Return a list without repeated values, ordered as they first appear.",
            ])
            let inputs = (0..<4).map { _ in rng.ints(count: 0...10, values: 0...6) }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "list[int]")], returnType: "list[int]",
                instruction: fill(wording, ["f": f, "p": p]),
                body: "    seen = set()\n    out = []\n    for x in \(p):\n        if x not in seen:\n            seen.add(x)\n            out.append(x)\n    return out\n",
                cases: inputs.map { xs in
                    var seen = Set<Int>()
                    return Case(arguments: [.ints(xs)], expected: .ints(xs.filter { seen.insert($0).inserted }))
                })
        },
        CodeTaskFamily(name: "rotate_list") { rng in
            let k = rng.int(1...5)
            let left = rng.chance(0.5)
            let direction = left ? "left" : "right"
            let f = rng.pick(["rotate_list", "rotate", "shift_items", "cycle_list"])
            let p = rng.pick(["items", "xs"])
            let wording = rng.pick([
                "Rotate `{p}` to the {dir} by {k} positions (k is taken modulo the length; an empty list stays empty).",
                "Write `{f}` that cyclically shifts a list {k} places to the {dir}.",
                "Return the list rotated {dir} by {k}, wrapping elements around the end.",
            ])
            let inputs = (0..<4).map { _ in rng.ints(count: 0...7, values: 0...9) }
            let shift = left ? "\(k) % len(\(p))" : "-(\(k) % len(\(p)))"
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "list[int]")], returnType: "list[int]",
                instruction: fill(wording, ["f": f, "p": p, "k": "\(k)", "dir": direction]),
                body: "    if not \(p):\n        return []\n    k = \(shift)\n    return \(p)[k:] + \(p)[:k]\n",
                cases: inputs.map { xs in
                    guard !xs.isEmpty else { return Case(arguments: [.ints(xs)], expected: .ints([])) }
                    let m = k % xs.count
                    let start = left ? m : (xs.count - m) % xs.count
                    return Case(arguments: [.ints(xs)], expected: .ints(Array(xs[start...] + xs[..<start])))
                })
        },
        CodeTaskFamily(name: "chunk_list") { rng in
            let n = rng.int(2...5)
            let f = rng.pick(["chunk_list", "chunks", "split_into_groups", "batch"])
            let p = rng.pick(["items", "xs", "values"])
            let wording = rng.pick([
                "Split `{p}` into consecutive chunks of {n} elements; the last chunk may be shorter.",
                "Write `{f}` that groups a list into sublists of size {n} (the final one holds the remainder).",
                "Return the list cut into pieces of length {n}, in order.",
            ])
            let inputs = (0..<4).map { _ in rng.ints(count: 0...11, values: 0...20) }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "list[int]")], returnType: "list[list[int]]",
                instruction: fill(wording, ["f": f, "p": p, "n": "\(n)"]),
                body: "    return [\(p)[i:i + \(n)] for i in range(0, len(\(p)), \(n))]\n",
                cases: inputs.map { xs in
                    let chunks = stride(from: 0, to: xs.count, by: n).map { PythonLiteral.ints(Array(xs[$0..<min($0 + n, xs.count)])) }
                    return Case(arguments: [.ints(xs)], expected: .list(chunks))
                })
        },
        CodeTaskFamily(name: "running_sum") { rng in
            let f = rng.pick(["running_sum", "prefix_sums", "cumulative_sum", "accumulate"])
            let p = rng.pick(["nums", "values", "deltas"])
            let wording = rng.pick([
                "Return the running totals of `{p}`: element i is the sum of the first i + 1 numbers.",
                "Write `{f}` that computes prefix sums of a list of integers.",
                "Produce the cumulative sum of the list, keeping its length.",
            ])
            let inputs = (0..<4).map { _ in rng.ints(count: 0...8, values: -10...20) }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "list[int]")], returnType: "list[int]",
                instruction: fill(wording, ["f": f, "p": p]),
                body: "    out = []\n    total = 0\n    for x in \(p):\n        total += x\n        out.append(total)\n    return out\n",
                cases: inputs.map { xs in
                    var total = 0
                    return Case(arguments: [.ints(xs)], expected: .ints(xs.map { total += $0; return total }))
                })
        },
        CodeTaskFamily(name: "count_value") { rng in
            let x = rng.int(0...9)
            let f = rng.pick(["count_value", "count_occurrences", "tally", "how_many"])
            let p = rng.pick(["nums", "items"])
            let wording = rng.pick([
                "Return how many times {x} appears in `{p}`.",
                "Write `{f}` that counts the elements equal to {x} in a list of integers.",
                "Count the occurrences of the number {x} in the list.",
            ])
            let inputs = (0..<4).map { _ in rng.ints(count: 0...10, values: 0...9) }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "list[int]")], returnType: "int",
                instruction: fill(wording, ["f": f, "p": p, "x": "\(x)"]), body: "    return \(p).count(\(x))\n",
                cases: inputs.map { xs in Case(arguments: [.ints(xs)], expected: .int(xs.filter { $0 == x }.count)) })
        },
        CodeTaskFamily(name: "flatten_once") { rng in
            let f = rng.pick(["flatten", "flatten_once", "concat_lists", "join_sublists"])
            let p = rng.pick(["nested", "groups", "lists"])
            let wording = rng.pick([
                "Flatten `{p}`, a list of lists of integers, into one list, keeping the order.",
                "Write `{f}` that concatenates all inner lists of a list of lists.",
                "Return every element of every sublist, in order, as a single flat list.",
            ])
            let inputs = (0..<4).map { _ in (0..<rng.int(0...4)).map { _ in rng.ints(count: 0...3, values: 0...9) } }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "list[list[int]]")], returnType: "list[int]",
                instruction: fill(wording, ["f": f, "p": p]),
                body: "    return [x for inner in \(p) for x in inner]\n",
                cases: inputs.map { groups in
                    Case(arguments: [.list(groups.map { .ints($0) })], expected: .ints(groups.flatMap { $0 }))
                })
        },
        CodeTaskFamily(name: "pairwise_op") { rng in
            let (symbol, name, op): (String, String, (Int, Int) -> Int) = rng.pick([
                ("+", "sum", { $0 + $1 }), ("-", "difference", { $0 - $1 }), ("*", "product", { $0 * $1 }),
            ])
            let f = rng.pick(["pairwise_\(name)", "elementwise_\(name)", "zip_\(name)", "combine_lists"])
            let wording = rng.pick([
                "Given two lists `a` and `b` of equal length, return the list of a[i] \(symbol) b[i].",
                "Write `{f}` returning the element-by-element \(name) of two equally long lists.",
                "Combine two same-length integer lists position by position with `\(symbol)`.",
            ])
            let inputs = (0..<4).map { _ -> ([Int], [Int]) in
                let n = rng.int(0...6)
                return (rng.ints(count: n...n, values: -9...9), rng.ints(count: n...n, values: -9...9))
            }
            return CodeTaskDraft(
                functionName: f, parameters: [("a", "list[int]"), ("b", "list[int]")], returnType: "list[int]",
                instruction: fill(wording, ["f": f]),
                body: "    return [x \(symbol) y for x, y in zip(a, b)]\n",
                cases: inputs.map { a, b in
                    Case(arguments: [.ints(a), .ints(b)], expected: .ints(zip(a, b).map { op($0, $1) }))
                })
        },
        CodeTaskFamily(name: "sort_descending") { rng in
            let descending = rng.chance(0.5)
            let order = descending ? "from largest to smallest" : "from smallest to largest"
            let f = rng.pick(descending ? ["sort_descending", "largest_first", "rank_high_to_low"]
                                        : ["sort_ascending", "smallest_first", "rank_low_to_high"])
            let p = rng.pick(["nums", "values", "scores"])
            let wording = rng.pick([
                "Return a new list with the numbers of `{p}` sorted {order}.",
                "Write `{f}` that sorts a list of integers {order} without changing the input.",
                "Sort the integers {order} and return them as a new list.",
            ])
            let inputs = (0..<4).map { _ in rng.ints(count: 0...8, values: -20...20) }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "list[int]")], returnType: "list[int]",
                instruction: fill(wording, ["f": f, "p": p, "order": order]),
                body: "    return sorted(\(p)\(descending ? ", reverse=True" : ""))\n",
                cases: inputs.map { xs in Case(arguments: [.ints(xs)], expected: .ints(descending ? xs.sorted(by: >) : xs.sorted())) })
        },
        CodeTaskFamily(name: "index_of_max") { rng in
            let f = rng.pick(["index_of_max", "argmax", "position_of_largest", "max_index"])
            let p = rng.pick(["nums", "values"])
            let wording = rng.pick([
                "Return the index of the largest element of the non-empty list `{p}` (the first such index on ties).",
                "Write `{f}`: the position of the maximum value, earliest one if it repeats.",
                "Find where the maximum of a non-empty list first occurs and return that index.",
            ])
            let inputs = (0..<5).map { _ in rng.ints(count: 1...8, values: -5...9) }
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "list[int]")], returnType: "int",
                instruction: fill(wording, ["f": f, "p": p]), body: "    return \(p).index(max(\(p)))\n",
                cases: inputs.map { xs in
                    let best = xs.max() ?? 0
                    return Case(arguments: [.ints(xs)], expected: .int(xs.firstIndex(of: best) ?? 0))
                })
        },
    ]
}
