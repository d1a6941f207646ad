/// Decides which variant answers a generate request.
///
/// The prototype sent prompts of at most 40 tokens to the LoRA model and longer ones to the
/// base model. This policy keeps that rule as its default and adds code-structure signals:
/// a prompt is "simple" when it has at most `maxSimpleTokens` tokens and at most
/// `maxSimpleCodeSignals` signals; simple prompts go to `simpleVariant`, the rest to
/// `complexVariant`. An explicit variant in the request is honoured. A variant with no live
/// worker is answered by the first live variant of `fallbackOrder`, and the reason says so.
public struct RoutingPolicy: Sendable, Equatable {
    /// Longest prompt, in tokens, still routed to the simple variant (the prototype's 40).
    public var maxSimpleTokens: Int
    /// Most code-structure signals a prompt may carry and still count as simple.
    public var maxSimpleCodeSignals: Int
    /// The variant for simple prompts (the prototype's LoRA model).
    public var simpleVariant: String
    /// The variant for complex prompts (the prototype's base model).
    public var complexVariant: String
    /// Where to send a request whose variant has no live worker, in order of preference.
    public var fallbackOrder: [String]

    /// The prototype's rule with code signals off by default-high thresholds.
    public init(maxSimpleTokens: Int = 40, maxSimpleCodeSignals: Int = 2,
                simpleVariant: String = "lora.default", complexVariant: String = "base",
                fallbackOrder: [String] = ["base", "q8", "q4"]) {
        self.maxSimpleTokens = maxSimpleTokens
        self.maxSimpleCodeSignals = maxSimpleCodeSignals
        self.simpleVariant = simpleVariant
        self.complexVariant = complexVariant
        self.fallbackOrder = fallbackOrder
    }

    /// Every variant this policy may send a request to, unless the request names another.
    public var candidateVariants: Set<String> {
        Set([simpleVariant, complexVariant] + fallbackOrder)
    }

    /// Chooses a variant for a prompt with `features`, honouring `requested` when given,
    /// among `live` variants (those with at least one worker consuming their queue).
    public func decide(features: PromptFeatures, requested: String?, live: Set<String>) -> RoutingChoice {
        let wanted: String
        var reason: String
        if let requested, !requested.isEmpty {
            wanted = requested
            reason = "explicit variant \(requested)"
        } else if features.tokenCount <= maxSimpleTokens && features.codeSignals <= maxSimpleCodeSignals {
            wanted = simpleVariant
            reason = "simple prompt (\(features.tokenCount) tokens <= \(maxSimpleTokens), "
                + "\(features.codeSignals) code signals <= \(maxSimpleCodeSignals))"
        } else {
            wanted = complexVariant
            reason = features.tokenCount > maxSimpleTokens
                ? "long prompt (\(features.tokenCount) tokens > \(maxSimpleTokens))"
                : "code-heavy prompt (\(features.codeSignals) code signals > \(maxSimpleCodeSignals))"
        }
        if live.contains(wanted) {
            return RoutingChoice(variant: wanted, wanted: wanted, reason: reason, isFallback: false)
        }
        let candidates = [complexVariant] + fallbackOrder + live.sorted()  // a fixed order: deterministic fallbacks
        if let fallback = candidates.first(where: { live.contains($0) }) {
            return RoutingChoice(variant: fallback, wanted: wanted,
                                 reason: reason + "; fallback to \(fallback): no live worker for \(wanted)",
                                 isFallback: true)
        }
        return RoutingChoice(variant: nil, wanted: wanted,
                             reason: reason + "; no live worker for \(wanted) or any fallback", isFallback: true)
    }
}

/// The outcome of a routing decision.
public struct RoutingChoice: Sendable, Equatable {
    /// The variant that will answer, or nil when no variant has a live worker.
    public var variant: String?
    /// The variant the policy wanted before looking at liveness.
    public var wanted: String
    /// Why, in words a person reads in logs and in the routing_decisions table.
    public var reason: String
    /// True when `variant` differs from `wanted` because `wanted` had no live worker.
    public var isFallback: Bool
}
