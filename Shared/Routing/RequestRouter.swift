import Foundation

/// Limits and defaults the router applies to every request.
public struct RouterSettings: Sendable, Equatable {
    /// Tokens generated when a request names no `max_tokens` (the prototype generated 128).
    public var defaultMaxTokens: Int = 128
    /// The largest `max_tokens` a request may ask for.
    public var maxTokensLimit: Int = 2048
    /// The served model's context: prompt tokens plus `max_tokens` must fit in it.
    public var contextTokens: Int = 2048
    /// How long a request may wait for its worker before it is answered with a timeout.
    public var timeout: Duration = .seconds(120)

    /// Defaults as documented on each field.
    public init() {}
}

/// A routing decision as it is recorded and published to the metrics exchange.
public struct RoutingRecord: Sendable, Equatable {
    /// The request's id.
    public var requestID: UUID
    /// The variant that answered, or nil when none could.
    public var variant: String?
    /// The variant the policy wanted.
    public var wanted: String
    /// The policy's reason, in words.
    public var reason: String
    /// True when `variant` is a fallback for `wanted`.
    public var isFallback: Bool
    /// Tokens in the prompt.
    public var promptTokens: Int
    /// Code-structure signals in the prompt.
    public var codeSignals: Int
    /// Router-side latency in milliseconds (receipt to answer or error).
    public var latencyMs: Double
    /// The worker's own generation time, when it answered.
    public var generationMs: Double?
    /// "ok", or the error's HTTP status as text ("503", "504", ...).
    public var outcome: String
}

/// Validates a generate call, chooses its variant, dispatches it to that variant's workers and
/// builds the answer: the one path HTTP and AMQP requests share.
public struct RequestRouter: Sendable {
    /// The variant-choosing rule.
    public let policy: RoutingPolicy
    /// Defaults and limits.
    public let settings: RouterSettings
    private let countTokens: @Sendable (String) -> Int
    private let dispatcher: any InferenceDispatcher
    private let record: @Sendable (RoutingRecord) async -> Void

    /// Creates a router; `countTokens` is the served model's tokenizer, `record` receives every decision.
    public init(policy: RoutingPolicy, settings: RouterSettings, countTokens: @escaping @Sendable (String) -> Int,
                dispatcher: any InferenceDispatcher, record: @escaping @Sendable (RoutingRecord) async -> Void) {
        self.policy = policy
        self.settings = settings
        self.countTokens = countTokens
        self.dispatcher = dispatcher
        self.record = record
    }

    /// Answers `call`, or throws the `RouterError` the client should see.
    public func handle(_ call: GenerateCall, id: UUID = UUID()) async throws -> GenerateAnswer {
        let started = ContinuousClock.now
        let features = PromptFeatures(prompt: call.prompt, tokenCount: countTokens(call.prompt))
        var decision = RoutingRecord(requestID: id, variant: nil, wanted: call.variant ?? "", reason: "rejected",
                                     isFallback: false, promptTokens: features.tokenCount,
                                     codeSignals: features.codeSignals, latencyMs: 0, generationMs: nil, outcome: "ok")
        do {
            let (maxTokens, temperature) = try validate(call, promptTokens: features.tokenCount)
            let candidates = policy.candidateVariants.union(call.variant.map { [$0] } ?? [])
            let choice = policy.decide(features: features, requested: call.variant,
                                       live: await dispatcher.liveVariants(among: candidates))
            decision.wanted = choice.wanted
            decision.reason = choice.reason
            decision.isFallback = choice.isFallback
            guard let variant = choice.variant else { throw RouterError.unavailable(choice.reason) }
            decision.variant = variant
            let job = DispatchJob(id: id, variant: variant, prompt: call.prompt, maxTokens: maxTokens,
                                  temperature: temperature,
                                  deadline: Date().addingTimeInterval(settings.timeout.seconds))
            let result = try await dispatcher.dispatch(job)
            decision.generationMs = result.generationMs
            decision.latencyMs = started.duration(to: .now).milliseconds
            await record(decision)
            return GenerateAnswer(model: variant, output: call.prompt + result.completion, completion: result.completion,
                                  routeReason: choice.reason, promptTokens: result.promptTokens,
                                  completionTokens: result.completionTokens, latencyMs: decision.latencyMs)
        } catch {
            // Whatever a dispatcher throws reaches the client as a RouterError with a status.
            let routerError = error as? RouterError ?? .workerFailed("\(error)")
            decision.outcome = String(routerError.httpStatus)
            decision.latencyMs = started.duration(to: .now).milliseconds
            await record(decision)
            throw routerError
        }
    }

    private func validate(_ call: GenerateCall, promptTokens: Int) throws -> (Int, Double) {
        if call.prompt.isEmpty { throw RouterError.unprocessable("prompt is empty") }
        if let variant = call.variant, let problem = VariantID.problem(with: variant) {
            throw RouterError.unknownVariant(problem)
        }
        let maxTokens = call.maxTokens ?? settings.defaultMaxTokens
        guard (1...settings.maxTokensLimit).contains(maxTokens) else {
            throw RouterError.unprocessable("max_tokens must be between 1 and \(settings.maxTokensLimit), got \(maxTokens)")
        }
        let temperature = call.temperature ?? 0
        guard temperature.isFinite, (0...5).contains(temperature) else {
            throw RouterError.unprocessable("temperature must be between 0 and 5, got \(temperature)")
        }
        guard promptTokens + maxTokens <= settings.contextTokens else {
            throw RouterError.unprocessable(
                "prompt of \(promptTokens) tokens plus max_tokens \(maxTokens) is over the model's context of \(settings.contextTokens) tokens")
        }
        return (maxTokens, temperature)
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
    /// The duration in milliseconds as a Double.
    var milliseconds: Double { seconds * 1000 }
}
