import Foundation

/// The LoRA adapter's shape, as PEFT's `adapter_config.json` names it.
public struct LoRASettings: Codable, Sendable, Equatable {
    /// The adapter rank r.
    public var rank: Int
    /// The scale numerator: updates are scaled by alpha / r (or alpha / sqrt(r) with rsLoRA).
    public var alpha: Double
    /// Dropout on the adapter's input during training.
    public var dropout: Double
    /// Linear layers to adapt; nil means the family's PEFT defaults.
    public var targetModules: [String]?
    /// Whether to scale by alpha / sqrt(r).
    public var useRslora: Bool

    /// Creates a value.
    public init(rank: Int = 8, alpha: Double = 16, dropout: Double = 0.05, targetModules: [String]? = nil, useRslora: Bool = false) {
        self.rank = rank
        self.alpha = alpha
        self.dropout = dropout
        self.targetModules = targetModules
        self.useRslora = useRslora
    }

    enum CodingKeys: String, CodingKey {
        case rank
        case alpha
        case dropout
        case targetModules = "target_modules"
        case useRslora = "use_rslora"
    }
}
