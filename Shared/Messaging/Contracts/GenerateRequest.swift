import Foundation

/// A request to generate a completion for a prompt, published to `lce.requests` (key `generate`) or, by the router, to `lce.inference`.
public struct GenerateRequest: MessageContract, Equatable {
    /// The schema this type reads and writes.
    public static let schemaID = "lce.generate.request/v1"

    /// Always `lce.generate.request/v1`; decoding checks it.
    public var schema: String = Self.schemaID
    /// The request id, chosen by the client; replies and measurements carry it.
    public var id: UUID
    /// The prompt text.
    public var prompt: String
    /// The most tokens to generate (1-8192).
    public var maxTokens: Int
    /// Sampling temperature; 0 means greedy (0-5).
    public var temperature: Double
    /// The variant that must answer (`base`, `q4`, `lora.<adapter>`); nil lets the router choose.
    public var variant: String?
    /// When the answer stops being useful; work not started by then is dropped with an error reply.
    public var deadline: Date
    /// Stop sequences that end generation early (at most 16).
    public var stop: [String]?

    /// Creates a value; `schema` is set to `lce.generate.request/v1`.
    public init(id: UUID = UUID(), prompt: String, maxTokens: Int = 128, temperature: Double = 0, variant: String? = nil, deadline: Date, stop: [String]? = nil) {
        self.id = id
        self.prompt = prompt
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.variant = variant
        self.deadline = deadline
        self.stop = stop
    }

    enum CodingKeys: String, CodingKey {
        case schema
        case id
        case prompt
        case maxTokens = "max_tokens"
        case temperature
        case variant
        case deadline
        case stop
    }
}
