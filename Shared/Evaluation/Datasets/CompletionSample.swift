/// One generated completion for a task, as human-eval's samples files hold them (`{"task_id","completion"}`).
public struct CompletionSample: Codable, Sendable, Equatable {
    /// The task the completion answers.
    public var taskID: String
    /// The generated code that continues the task's prompt.
    public var completion: String

    /// Creates a sample.
    public init(taskID: String, completion: String) {
        self.taskID = taskID
        self.completion = completion
    }

    private enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case completion
    }
}
