/// The timing of one generation request, measured around the generator's calls.
public struct RequestTiming: Sendable, Equatable, Codable {
    /// Tokens in the prompt.
    public var promptTokens: Int
    /// Tokens generated (the stop token excluded).
    public var completionTokens: Int
    /// From the start of the request to the first generated token (prefill plus one sampling step); nil when nothing was generated.
    public var timeToFirstTokenSeconds: Double?
    /// From the start of the request to its last token.
    public var totalSeconds: Double

    /// Creates a timing.
    public init(promptTokens: Int, completionTokens: Int, timeToFirstTokenSeconds: Double?, totalSeconds: Double) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.timeToFirstTokenSeconds = timeToFirstTokenSeconds
        self.totalSeconds = totalSeconds
    }

    /// Mean time of each token after the first (the decode rate a user sees once text streams); nil with fewer than two tokens.
    public var timePerOutputTokenSeconds: Double? {
        guard completionTokens >= 2, let first = timeToFirstTokenSeconds else { return nil }
        return max(0, totalSeconds - first) / Double(completionTokens - 1)
    }
}
