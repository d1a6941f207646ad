/// A generate request as the router receives it over HTTP (the prototype's body) or AMQP.
///
/// The prototype took `{"prompt": "..."}`; `max_tokens`, `temperature` and `variant` are
/// optional additions.
public struct GenerateCall: Codable, Sendable, Equatable {
    /// The text to continue.
    public var prompt: String
    /// Most tokens to generate (default: the router's `--default-max-tokens`).
    public var maxTokens: Int?
    /// Sampling temperature; 0 or absent means greedy, as the prototype generated.
    public var temperature: Double?
    /// A variant to use instead of the policy's choice.
    public var variant: String?

    enum CodingKeys: String, CodingKey {
        case prompt, maxTokens = "max_tokens", temperature, variant
    }

    /// Creates a call.
    public init(prompt: String, maxTokens: Int? = nil, temperature: Double? = nil, variant: String? = nil) {
        self.prompt = prompt
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.variant = variant
    }
}

/// The router's answer, keeping the prototype's keys (`model`, `output` = prompt followed by
/// the generated text) so its clients keep working, plus what lce adds.
public struct GenerateAnswer: Codable, Sendable, Equatable {
    /// The variant that answered ("base", "lora.default", ...): the prototype's "model" key.
    public var model: String
    /// The prompt followed by the generated text, as the prototype returned it.
    public var output: String
    /// The generated text alone.
    public var completion: String
    /// Why the router chose `model`.
    public var routeReason: String
    /// Tokens in the prompt.
    public var promptTokens: Int
    /// Tokens generated.
    public var completionTokens: Int
    /// Time from the router receiving the request to the answer, in milliseconds.
    public var latencyMs: Double

    enum CodingKeys: String, CodingKey {
        case model, output, completion, routeReason = "route_reason", promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens", latencyMs = "latency_ms"
    }

    /// Creates an answer.
    public init(model: String, output: String, completion: String, routeReason: String,
                promptTokens: Int, completionTokens: Int, latencyMs: Double) {
        self.model = model
        self.output = output
        self.completion = completion
        self.routeReason = routeReason
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.latencyMs = latencyMs
    }
}
