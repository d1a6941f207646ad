/// One completion of a task by one variant, with its scores and timing (an `EvaluationSample` on the wire).
public struct SampleEvaluation: Sendable, Equatable, Codable {
    /// The variant id.
    public var variant: String
    /// The task id.
    public var taskID: String
    /// Which of the task's draws this is (0 when one completion is drawn per task).
    public var sampleIndex: Int
    /// The prompt given.
    public var prompt: String
    /// The task's canonical solution.
    public var reference: String
    /// The generated completion.
    public var completion: String
    /// Sentence BLEU (0-100) of the completion against the reference.
    public var bleu: Double?
    /// CodeBLEU (0-1) of the prompt plus completion against the prompt plus reference.
    public var codeBLEU: Double?
    /// Whether the completion equals the reference, line ends and trailing blank lines aside.
    public var exactMatch: Bool
    /// The sandbox's verdict, when tests were run.
    public var outcome: SandboxOutcome?
    /// human-eval's wording of the result (`passed`, `timed out`, `failed: ...`).
    public var outcomeDetail: String?
    /// How long generation took.
    public var timing: RequestTiming

    /// Creates a sample record.
    public init(variant: String, taskID: String, sampleIndex: Int = 0, prompt: String, reference: String, completion: String,
                bleu: Double? = nil, codeBLEU: Double? = nil, exactMatch: Bool, outcome: SandboxOutcome? = nil,
                outcomeDetail: String? = nil, timing: RequestTiming) {
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
        self.timing = timing
    }

    /// Whether the tests passed; nil when they were not run.
    public var passed: Bool? { outcome.map { $0 == .passed } }

    /// The comparison used for exact match: trailing spaces on each line and trailing blank lines do not count.
    public static func normalizedForExactMatch(_ code: String) -> String {
        var lines = code.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            var end = line.endIndex
            while end > line.startIndex, let last = line[line.index(before: end)...].first, last == " " || last == "\t" || last == "\r" {
                end = line.index(before: end)
            }
            return line[line.startIndex..<end]
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
