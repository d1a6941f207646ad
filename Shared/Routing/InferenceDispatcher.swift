import Foundation

/// How the router reaches the inference workers: which variants have live workers, and
/// sending one request to a variant's pool and waiting for its reply.
public protocol InferenceDispatcher: Sendable {
    /// The variants among `candidates` with at least one worker consuming their queue now.
    func liveVariants(among candidates: Set<String>) async -> Set<String>
    /// Sends `job` to `job.variant`'s pool and returns the worker's reply, or throws when the
    /// deadline passes or the worker answers with an error.
    func dispatch(_ job: DispatchJob) async throws -> DispatchResult
}

/// One request on its way to a worker pool.
public struct DispatchJob: Sendable, Equatable {
    /// The request id, also the correlation id of the reply.
    public var id: UUID
    /// The variant whose pool gets it.
    public var variant: String
    /// The text to continue.
    public var prompt: String
    /// Most tokens to generate.
    public var maxTokens: Int
    /// Sampling temperature (0: greedy).
    public var temperature: Double
    /// When the answer stops being useful; workers drop work past it.
    public var deadline: Date

    /// Creates a job.
    public init(id: UUID, variant: String, prompt: String, maxTokens: Int, temperature: Double, deadline: Date) {
        self.id = id
        self.variant = variant
        self.prompt = prompt
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.deadline = deadline
    }
}

/// A worker's reply to a `DispatchJob`.
public struct DispatchResult: Sendable, Equatable {
    /// The generated text alone.
    public var completion: String
    /// Tokens in the prompt, counted by the worker's model.
    public var promptTokens: Int
    /// Tokens generated.
    public var completionTokens: Int
    /// The worker's own time spent generating, in milliseconds.
    public var generationMs: Double

    /// Creates a result.
    public init(completion: String, promptTokens: Int, completionTokens: Int, generationMs: Double) {
        self.completion = completion
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.generationMs = generationMs
    }
}
