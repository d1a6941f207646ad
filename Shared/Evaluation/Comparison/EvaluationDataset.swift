import Foundation

/// The tasks a comparison runs every variant on, with a name and a digest of their content for the configuration hash.
public struct EvaluationDataset: Sendable, Equatable {
    /// A name for reports: the file's path, or `lce-code-tasks/eval` for the bundled split.
    public var name: String
    /// The tasks, in the order they are evaluated.
    public var problems: [CodeProblem]

    /// Wraps tasks under a name.
    public init(name: String, problems: [CodeProblem]) {
        self.name = name
        self.problems = problems
    }

    /// The name reports give the bundled eval split.
    public static let bundledEvalName = "lce-code-tasks/eval"

    /// The bundled code-task dataset's held-out eval split.
    public static func bundledEval(limit: Int? = nil) -> EvaluationDataset {
        EvaluationDataset(name: bundledEvalName, problems: CodeTaskDataset.generate().eval).limited(to: limit)
    }

    /// Reads a HumanEval-shaped JSONL file (plain or .gz).
    public static func load(path: String, limit: Int? = nil) throws -> EvaluationDataset {
        let problems = try JSONLReader.read(CodeProblem.self, from: URL(fileURLWithPath: path))
        return EvaluationDataset(name: path, problems: problems).limited(to: limit)
    }

    /// The first `limit` tasks (all when nil).
    public func limited(to limit: Int?) -> EvaluationDataset {
        guard let limit, limit < problems.count else { return self }
        return EvaluationDataset(name: name, problems: Array(problems.prefix(max(0, limit))))
    }

    /// FNV-1a of every task's id, prompt, solution and test: two datasets of the same name but other content hash apart.
    public var digest: String {
        var bytes: [UInt8] = []
        for problem in problems {
            for field in [problem.taskID, problem.prompt, problem.canonicalSolution, problem.test, problem.entryPoint] {
                bytes.append(contentsOf: field.utf8)
                bytes.append(0)
            }
        }
        let value = ConfigurationHash.fnv1a64(bytes)
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
