extension CodeTaskFamily {
    /// Arithmetic and number theory tasks.
    static let math: [CodeTaskFamily] = [
        CodeTaskFamily(name: "factorial") { rng in
            let f = rng.pick(["factorial", "fact", "product_up_to", "n_factorial"])
            let p = rng.pick(["n", "k"])
            let wording = rng.pick([
                "Return `{p}`! (the product 1 * 2 * ... * {p}), with 0! = 1.",
                "Write `{f}` that computes the factorial of a non-negative integer.",
                "Compute the factorial of the given non-negative number iteratively.",
            ])
            let inputs = [rng.int(2...12), 0, 1, rng.int(3...15)]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "int")], returnType: "int",
                instruction: fill(wording, ["f": f, "p": p]),
                body: "    result = 1\n    for i in range(2, \(p) + 1):\n        result *= i\n    return result\n",
                cases: inputs.map { n in Case(arguments: [.int(n)], expected: .int((1...max(n, 1)).reduce(1, *))) })
        },
        CodeTaskFamily(name: "fibonacci") { rng in
            let zeroBased = rng.chance(0.5)
            let start = zeroBased ? "F(0) = 0 and F(1) = 1" : "F(1) = 1 and F(2) = 1"
            let f = rng.pick(["fibonacci", "fib", "nth_fibonacci", "fib_number"])
            let p = rng.pick(["n", "index"])
            let wording = rng.pick([
                "Return the Fibonacci number F(`{p}`), where {start} and each later term is the sum of the two before.",
                "Write `{f}` computing Fibonacci numbers with {start}.",
                "Compute the n-th Fibonacci number iteratively, taking {start}.",
            ])
            let low = zeroBased ? 0 : 1
            let inputs = [rng.int(5...30), low, low + 1, rng.int(10...40)]
            // Both conventions give the same values for n >= 1; only the wording and the smallest input differ.
            let body = "    a, b = 0, 1\n    for _ in range(\(p)):\n        a, b = b, a + b\n    return a\n"
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "int")], returnType: "int",
                instruction: fill(wording, ["f": f, "p": p, "start": start]), body: body,
                cases: inputs.map { n in
                    var (a, b) = (0, 1)
                    for _ in 0..<n { (a, b) = (b, a + b) }
                    return Case(arguments: [.int(n)], expected: .int(a))
                })
        },
        CodeTaskFamily(name: "is_prime") { rng in
            let f = rng.pick(["is_prime", "prime", "check_prime", "is_prime_number"])
            let p = rng.pick(["n", "number"])
            let wording = rng.pick([
                "Return True if `{p}` is a prime number and False otherwise (numbers below 2 are not prime).",
                "Write `{f}` that tests an integer for primality by trial division.",
                "Decide whether the given integer is prime.",
            ])
            let inputs = [rng.int(2...200), 0, 1, 2, 9, 97, rng.int(100...1000), -7]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "int")], returnType: "bool",
                instruction: fill(wording, ["f": f, "p": p]),
                body: "    if \(p) < 2:\n        return False\n    i = 2\n    while i * i <= \(p):\n        if \(p) % i == 0:\n            return False\n        i += 1\n    return True\n",
                cases: inputs.map { n in
                    var prime = n >= 2
                    var i = 2
                    while prime && i * i <= n { if n % i == 0 { prime = false }; i += 1 }
                    return Case(arguments: [.int(n)], expected: .bool(prime))
                })
        },
        CodeTaskFamily(name: "gcd") { rng in
            let f = rng.pick(["gcd", "greatest_common_divisor", "highest_common_factor", "euclid"])
            let wording = rng.pick([
                "Return the greatest common divisor of the non-negative integers `a` and `b` (gcd(0, 0) is 0).",
                "Write `{f}` implementing Euclid's algorithm for two non-negative integers.",
                "Compute the largest integer dividing both a and b.",
            ])
            let inputs = (0..<4).map { _ in (rng.int(0...300), rng.int(0...300)) } + [(0, 0), (12, 18)]
            return CodeTaskDraft(
                functionName: f, parameters: [("a", "int"), ("b", "int")], returnType: "int",
                instruction: fill(wording, ["f": f]),
                body: "    while b:\n        a, b = b, a % b\n    return a\n",
                cases: inputs.map { a, b in
                    var (x, y) = (a, b)
                    while y != 0 { (x, y) = (y, x % y) }
                    return Case(arguments: [.int(a), .int(b)], expected: .int(x))
                })
        },
        CodeTaskFamily(name: "digit_sum") { rng in
            let f = rng.pick(["digit_sum", "sum_of_digits", "add_digits", "cross_sum"])
            let p = rng.pick(["n", "number"])
            let wording = rng.pick([
                "Return the sum of the decimal digits of `{p}` (use its absolute value).",
                "Write `{f}` that adds up the digits of an integer, ignoring its sign.",
                "Compute the digit sum of the given integer.",
            ])
            let inputs = [rng.int(0...99999), 0, -rng.int(1...9999), rng.int(100...999)]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "int")], returnType: "int",
                instruction: fill(wording, ["f": f, "p": p]),
                body: "    return sum(int(d) for d in str(abs(\(p))))\n",
                cases: inputs.map { n in Case(arguments: [.int(n)], expected: .int(String(abs(n)).compactMap { $0.wholeNumberValue }.reduce(0, +))) })
        },
        CodeTaskFamily(name: "sum_multiples_below") { rng in
            let a = rng.int(2...7)
            var b = rng.int(2...11)
            if b == a { b += 1 }
            let f = rng.pick(["sum_multiples_below", "multiples_total", "euler_sum", "sum_of_multiples"])
            let p = rng.pick(["n", "limit"])
            let wording = rng.pick([
                "Return the sum of all natural numbers below `{p}` that are multiples of {a} or {b}.",
                "Write `{f}` adding every positive integer less than the limit divisible by {a} or by {b}.",
                "Sum the numbers under the bound that {a} or {b} divides.",
            ])
            let inputs = [rng.int(10...100), 0, 1, rng.int(100...1000)]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "int")], returnType: "int",
                instruction: fill(wording, ["f": f, "p": p, "a": "\(a)", "b": "\(b)"]),
                body: "    return sum(i for i in range(1, \(p)) if i % \(a) == 0 or i % \(b) == 0)\n",
                cases: inputs.map { n in
                    Case(arguments: [.int(n)], expected: .int(n <= 1 ? 0 : (1..<n).filter { $0 % a == 0 || $0 % b == 0 }.reduce(0, +)))
                })
        },
        CodeTaskFamily(name: "is_power_of") { rng in
            let k = rng.int(2...6)
            let f = rng.pick(["is_power_of_\(k)", "power_of_\(k)", "check_power", "is_exact_power"])
            let p = rng.pick(["n", "value"])
            let wording = rng.pick([
                "Return True if `{p}` equals {k} raised to some non-negative integer power.",
                "Write `{f}` that checks whether a positive integer is a power of {k} (1 counts as {k}**0).",
                "Decide if the number is an exact power of {k}; zero and negatives are not.",
            ])
            var power = 1
            for _ in 0..<rng.int(1...6) { power *= k }
            let inputs = [power, 1, 0, power + 1, k, -k, k * k * k]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "int")], returnType: "bool",
                instruction: fill(wording, ["f": f, "p": p, "k": "\(k)"]),
                body: "    if \(p) < 1:\n        return False\n    while \(p) % \(k) == 0:\n        \(p) //= \(k)\n    return \(p) == 1\n",
                cases: inputs.map { n in
                    var m = n
                    if m < 1 { return Case(arguments: [.int(n)], expected: .bool(false)) }
                    while m % k == 0 { m /= k }
                    return Case(arguments: [.int(n)], expected: .bool(m == 1))
                })
        },
        CodeTaskFamily(name: "collatz_steps") { rng in
            let f = rng.pick(["collatz_steps", "steps_to_one", "hailstone_length", "collatz_length"])
            let p = rng.pick(["n", "start"])
            let wording = rng.pick([
                "Return how many Collatz steps take the positive integer `{p}` to 1 (halve even numbers, map odd x to 3x + 1).",
                "Write `{f}` counting the steps of the 3x + 1 process until it reaches 1.",
                "Count the Collatz iterations needed to reach 1 from the given positive number.",
            ])
            let inputs = [rng.int(2...100), 1, rng.int(100...2000), 27]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "int")], returnType: "int",
                instruction: fill(wording, ["f": f, "p": p]),
                body: "    steps = 0\n    while \(p) != 1:\n        \(p) = \(p) // 2 if \(p) % 2 == 0 else 3 * \(p) + 1\n        steps += 1\n    return steps\n",
                cases: inputs.map { n in
                    var (m, steps) = (n, 0)
                    while m != 1 { m = m % 2 == 0 ? m / 2 : 3 * m + 1; steps += 1 }
                    return Case(arguments: [.int(n)], expected: .int(steps))
                })
        },
        CodeTaskFamily(name: "count_divisors") { rng in
            let f = rng.pick(["count_divisors", "divisor_count", "number_of_divisors", "tau"])
            let p = rng.pick(["n", "number"])
            let wording = rng.pick([
                "Return how many positive integers divide the positive integer `{p}` exactly.",
                "Write `{f}` that counts the divisors of a positive integer, 1 and itself included.",
                "Count the positive divisors of the given number.",
            ])
            let inputs = [rng.int(1...200), 1, 12, rng.int(200...999)]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "int")], returnType: "int",
                instruction: fill(wording, ["f": f, "p": p]),
                body: "    return sum(1 for d in range(1, \(p) + 1) if \(p) % d == 0)\n",
                cases: inputs.map { n in Case(arguments: [.int(n)], expected: .int((1...n).filter { n % $0 == 0 }.count)) })
        },
        CodeTaskFamily(name: "sum_of_powers") { rng in
            let e = rng.int(1...4)
            let f = rng.pick(["sum_of_powers", "power_sum", "sum_powers_to", "series_sum"])
            let p = rng.pick(["n", "count"])
            let wording = rng.pick([
                "Return 1**{e} + 2**{e} + ... + `{p}`**{e} (0 when {p} is 0).",
                "Write `{f}` that sums the {e}-th powers of the integers from 1 to n.",
                "Compute the sum of i**{e} for i from 1 up to and including the argument.",
            ])
            let inputs = [rng.int(1...20), 0, 1, rng.int(20...60)]
            return CodeTaskDraft(
                functionName: f, parameters: [(p, "int")], returnType: "int",
                instruction: fill(wording, ["f": f, "p": p, "e": "\(e)"]),
                body: "    return sum(i ** \(e) for i in range(1, \(p) + 1))\n",
                cases: inputs.map { n in
                    let total = n == 0 ? 0 : (1...n).reduce(0) { sum, i in sum + (0..<e).reduce(1) { acc, _ in acc * i } }
                    return Case(arguments: [.int(n)], expected: .int(total))
                })
        },
    ]
}
