/// What a generation produced, why it ended, and how long its two phases took.
public struct GenerationResult: Sendable, Equatable {
    /// Why generation stopped.
    public enum FinishReason: String, Sendable, Equatable {
        /// options.maxTokens were produced.
        case maxTokens
        /// A token in options.stopTokenIDs was chosen (not included).
        case stopToken
        /// A stop string appeared in the text (not included).
        case stopSequence
        /// The session's context is full.
        case contextFull
        /// The caller's callback asked to stop.
        case cancelled
    }

    /// The new token ids (without the stop token).
    public var tokens: [Int]
    /// The new text, cut before any stop string (empty without a detokenizer).
    public var text: String
    /// Why generation ended.
    public var finishReason: FinishReason
    /// Tokens in the prompt.
    public var promptTokenCount: Int
    /// Wall time of the prompt's forward pass.
    public var prefillSeconds: Double
    /// Wall time of the decode steps.
    public var decodeSeconds: Double

    /// Prompt tokens per second of prefill.
    public var prefillTokensPerSecond: Double { prefillSeconds > 0 ? Double(promptTokenCount) / prefillSeconds : 0 }
    /// Decode steps per second (each step is one forward pass of one token).
    public var decodeTokensPerSecond: Double {
        let steps = max(tokens.count - 1, 0)
        return decodeSeconds > 0 ? Double(steps) / decodeSeconds : 0
    }
}
