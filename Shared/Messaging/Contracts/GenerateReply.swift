import Foundation

/// The answer to a `GenerateRequest`, sent to its `reply_to` with its `correlation_id`.
public struct GenerateReply: MessageContract, Equatable {
    /// The schema this type reads and writes.
    public static let schemaID = "lce.generate.reply/v1"

    /// Always `lce.generate.reply/v1`; decoding checks it.
    public var schema: String = Self.schemaID
    /// The id of the request this answers.
    public var id: UUID
    /// The variant that answered (the prototype's `model` key).
    public var model: String
    /// The prompt followed by the generated text, as the prototype returned it.
    public var output: String
    /// The generated text alone.
    public var completion: String
    /// Tokens in the prompt.
    public var promptTokens: Int
    /// Tokens generated.
    public var completionTokens: Int
    /// Why generation stopped: `stop`, `length`, `deadline` or `error`.
    public var finishReason: String
    /// How long each part took.
    public var timings: GenerateTimings
    /// The worker instance that answered.
    public var worker: String?
    /// Set when no completion was produced.
    public var error: ErrorDetail?

    /// Creates a value; `schema` is set to `lce.generate.reply/v1`.
    public init(id: UUID, model: String, output: String = "", completion: String = "", promptTokens: Int = 0, completionTokens: Int = 0, finishReason: String = "stop", timings: GenerateTimings = GenerateTimings(), worker: String? = nil, error: ErrorDetail? = nil) {
        self.id = id
        self.model = model
        self.output = output
        self.completion = completion
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.finishReason = finishReason
        self.timings = timings
        self.worker = worker
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case id
        case model
        case output
        case completion
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case finishReason = "finish_reason"
        case timings
        case worker
        case error
    }
}
