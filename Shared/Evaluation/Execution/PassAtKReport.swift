/// pass@k over a set of tasks and the per-sample results it came from.
public struct PassAtKReport: Sendable, Equatable {
    /// pass@k for each requested k that every task has enough samples for, as human-eval reports it.
    public var passAtK: [Int: Double]
    /// Each sample's result, in the order the samples were given.
    public var samples: [SampleResult]
    /// How many runs ended each way.
    public var outcomeCounts: [SandboxOutcome: Int]
}
