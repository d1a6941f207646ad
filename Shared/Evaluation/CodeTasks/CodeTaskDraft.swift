/// One generated task before it becomes a `CodeProblem`: the function's shape, its instruction, solution and cases.
struct CodeTaskDraft {
    /// One call and its expected result.
    struct Case {
        var arguments: [PythonLiteral]
        var expected: PythonLiteral
    }

    var functionName: String
    /// Parameter names with their annotations, e.g. `("s", "str")`.
    var parameters: [(name: String, type: String)]
    var returnType: String
    /// The task in words; unique across the whole dataset.
    var instruction: String
    /// The function body, indented four spaces, ending in a newline.
    var body: String
    var cases: [Case]

    /// `def name(a: T) -> R:` plus a docstring with the instruction and one example.
    var prompt: String {
        let signature = parameters.map { "\($0.name): \($0.type)" }.joined(separator: ", ")
        var text = "def \(functionName)(\(signature)) -> \(returnType):\n    \"\"\"\(instruction)\n"
        if let example = cases.first {
            text += "\n    >>> \(call(example))\n    \(example.expected.source)\n"
        }
        return text + "    \"\"\"\n"
    }

    /// `def check(candidate):` asserting every case.
    var test: String {
        var text = "def check(candidate):\n"
        for item in cases {
            let arguments = item.arguments.map(\.source).joined(separator: ", ")
            text += "    assert candidate(\(arguments)) == \(item.expected.source)\n"
        }
        return text
    }

    private func call(_ item: Case) -> String {
        "\(functionName)(" + item.arguments.map(\.source).joined(separator: ", ") + ")"
    }
}
