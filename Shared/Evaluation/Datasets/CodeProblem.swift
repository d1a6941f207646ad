/// A HumanEval-shaped task: a prompt to complete, a reference solution and the tests that judge a completion.
public struct CodeProblem: Codable, Sendable, Equatable {
    /// A unique id such as `HumanEval/0` or `lce/reverse_string/17`.
    public var taskID: String
    /// The function signature and docstring the completion continues.
    public var prompt: String
    /// A completion of `prompt` that passes `test`.
    public var canonicalSolution: String
    /// Python source defining `check(candidate)`, which asserts on the candidate function.
    public var test: String
    /// The name of the function `check` is called with.
    public var entryPoint: String

    /// Creates a task.
    public init(taskID: String, prompt: String, canonicalSolution: String, test: String, entryPoint: String) {
        self.taskID = taskID
        self.prompt = prompt
        self.canonicalSolution = canonicalSolution
        self.test = test
        self.entryPoint = entryPoint
    }

    private enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case prompt
        case canonicalSolution = "canonical_solution"
        case test
        case entryPoint = "entry_point"
    }
}
