/// How zero n-gram matches are smoothed; sacrebleu's `smooth_method` (its default is `.exponential`).
public enum BLEUSmoothing: Sendable, Equatable {
    /// No smoothing: a zero precision makes the score 0.
    case none
    /// A zero match count is replaced by `value` (sacrebleu's default 0.1).
    case floor(Double)
    /// `value` is added to the counts and totals of orders 2 and up (sacrebleu's default 1).
    case addK(Double)
    /// mteval-v13a's method: the k-th zero precision becomes 1 / (2^k * total).
    case exponential

    /// The name and value as the signature prints them, e.g. `exp` or `floor[0.10]`.
    var signatureText: String {
        switch self {
        case .none: return "none"
        case .exponential: return "exp"
        case .floor(let value): return "floor[\(Self.twoDecimals(value))]"
        case .addK(let value): return "add-k[\(Self.twoDecimals(value))]"
        }
    }

    private static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = abs(hundredths % 100)
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
