/// A job stopped on request before its last step, after writing a checkpoint to resume from.
public struct TrainingJobInterrupted: Error, CustomStringConvertible, Sendable {
    /// Optimizer steps taken.
    public let step: Int
    /// The checkpoint written at `step`.
    public let checkpoint: String

    /// The message, ready to show a user.
    public var description: String { "training stopped after step \(step); resume from \(checkpoint)" }
}
