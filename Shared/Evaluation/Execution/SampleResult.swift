/// One sample's execution result, the line human-eval writes to `<samples>_results.jsonl`, with the sandbox's outcome.
public struct SampleResult: Codable, Sendable, Equatable {
    /// The task the completion answers.
    public var taskID: String
    /// The completion that was run.
    public var completion: String
    /// How the run ended.
    public var outcome: SandboxOutcome
    /// Whether it passed (`outcome == .passed`), under human-eval's field name.
    public var passed: Bool
    /// human-eval's `result` text: `passed`, `timed out` or `failed: <reason>`.
    public var result: String
    /// Seconds the program ran.
    public var seconds: Double

    /// Creates a result line.
    public init(taskID: String, completion: String, outcome: SandboxOutcome, result: String, seconds: Double) {
        self.taskID = taskID
        self.completion = completion
        self.outcome = outcome
        self.passed = outcome == .passed
        self.result = result
        self.seconds = seconds
    }

    private enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case completion, outcome, passed, result, seconds
    }
}
