import Foundation

/// A variant of a model that the comparison can evaluate: the base, a merged LoRA model, in-process
/// 8-bit and 4-bit quantizations, and LoRA / QLoRA adapters applied at run time.
public enum EvaluationVariant: Sendable, Hashable, CustomStringConvertible {
    /// The model as stored.
    case base
    /// A LoRA adapter merged into the base (a model directory or GGUF of its own).
    case merged
    /// Every linear weight quantized to Q8_0 in-process.
    case q8
    /// Every linear weight quantized to Q4_K (Q4_0 where rows are not whole super-blocks) in-process.
    case q4
    /// The base with a LoRA adapter applied at run time.
    case lora(adapter: String)
    /// A 4-bit base with a QLoRA adapter applied at run time.
    case qlora(adapter: String)

    /// The variant id as queues and the database name it (`base`, `q8`, `lora.python`).
    public var description: String {
        switch self {
        case .base: return "base"
        case .merged: return "merged"
        case .q8: return "q8"
        case .q4: return "q4"
        case .lora(let adapter): return "lora.\(adapter)"
        case .qlora(let adapter): return "qlora.\(adapter)"
        }
    }

    /// Parses a variant id; bare `lora` / `qlora` take `defaultAdapter` (the name of `--adapter`'s directory).
    public init(parsing text: String, defaultAdapter: String? = nil) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed {
        case "base": self = .base
        case "merged": self = .merged
        case "q8": self = .q8
        case "q4": self = .q4
        case "lora", "qlora":
            guard let adapter = defaultAdapter, !adapter.isEmpty else {
                throw ComparisonError.invalidVariant(trimmed, reason: "needs an adapter: pass --adapter DIR or name it as \(trimmed).<adapter>")
            }
            self = trimmed == "lora" ? .lora(adapter: adapter) : .qlora(adapter: adapter)
        default:
            let isLoRA = trimmed.hasPrefix("lora."), isQLoRA = trimmed.hasPrefix("qlora.")
            guard isLoRA || isQLoRA else {
                throw ComparisonError.invalidVariant(trimmed, reason: "expected base, merged, q8, q4, lora.<adapter> or qlora.<adapter>")
            }
            let adapter = String(trimmed.dropFirst(isLoRA ? 5 : 6))
            guard !adapter.isEmpty, adapter.allSatisfy({ allowed.contains($0) }), adapter.first != ".", adapter.last != "." else {
                throw ComparisonError.invalidVariant(trimmed, reason: "the adapter name must be a-z, 0-9, '.', '_', '-'")
            }
            self = isLoRA ? .lora(adapter: adapter) : .qlora(adapter: adapter)
        }
    }

    /// Parses a comma-separated list such as `base,q8,q4`, rejecting empty entries and repeats.
    public static func parseList(_ text: String, defaultAdapter: String? = nil) throws -> [EvaluationVariant] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var variants: [EvaluationVariant] = []
        for part in parts {
            guard !part.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ComparisonError.invalidVariant(text, reason: "the list has an empty entry")
            }
            let variant = try EvaluationVariant(parsing: part, defaultAdapter: defaultAdapter)
            guard !variants.contains(variant) else {
                throw ComparisonError.invalidVariant(part, reason: "is listed twice")
            }
            variants.append(variant)
        }
        return variants
    }
}
