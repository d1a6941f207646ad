import Foundation

/// One generated sample in an evaluation run, with its scores and sandbox outcome.
public struct EvaluationSampleRecord: Sendable, Equatable {
    /// The event's id; a second event with the same id is ignored.
    public var eventID: UUID
    /// The evaluation job's id.
    public var runID: UUID
    /// Base model name.
    public var model: String
    /// Variant id.
    public var variant: String
    /// Task id in the dataset.
    public var taskID: String
    /// Which of the task's n samples this is (for pass@k).
    public var sampleIndex: Int
    /// The prompt given.
    public var prompt: String?
    /// The reference completion.
    public var reference: String?
    /// The generated completion.
    public var completion: String?
    /// Sentence BLEU.
    public var bleu: Double?
    /// Sentence CodeBLEU.
    public var codeBLEU: Double?
    /// Whether the completion equals the reference.
    public var exactMatch: Bool?
    /// Sandbox result, nil when tests were not run.
    public var outcome: SampleOutcome?
    /// Error text or failing assertion.
    public var outcomeDetail: String?
    /// Prompt length in tokens.
    public var promptTokens: Int?
    /// Completion length in tokens.
    public var completionTokens: Int?
    /// Time to first token.
    public var ttftMilliseconds: Double?
    /// Generation latency.
    public var latencyMilliseconds: Double?
    /// When the sample was scored.
    public var recordedAt: Date

    /// Creates a sample record; every measurement is optional.
    public init(
        eventID: UUID,
        runID: UUID,
        model: String,
        variant: String,
        taskID: String,
        sampleIndex: Int = 0,
        prompt: String? = nil,
        reference: String? = nil,
        completion: String? = nil,
        bleu: Double? = nil,
        codeBLEU: Double? = nil,
        exactMatch: Bool? = nil,
        outcome: SampleOutcome? = nil,
        outcomeDetail: String? = nil,
        promptTokens: Int? = nil,
        completionTokens: Int? = nil,
        ttftMilliseconds: Double? = nil,
        latencyMilliseconds: Double? = nil,
        recordedAt: Date
    ) {
        self.eventID = eventID
        self.runID = runID
        self.model = model
        self.variant = variant
        self.taskID = taskID
        self.sampleIndex = sampleIndex
        self.prompt = prompt
        self.reference = reference
        self.completion = completion
        self.bleu = bleu
        self.codeBLEU = codeBLEU
        self.exactMatch = exactMatch
        self.outcome = outcome
        self.outcomeDetail = outcomeDetail
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.ttftMilliseconds = ttftMilliseconds
        self.latencyMilliseconds = latencyMilliseconds
        self.recordedAt = recordedAt
    }
}
