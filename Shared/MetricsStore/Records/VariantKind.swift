/// What a variant is, derived from its id (`base`, `lora.<adapter>`, `merged`, `q8`, `q4`, `qlora.<adapter>`).
public enum VariantKind: String, Sendable, Codable, CaseIterable, PostgresEncodable {
    /// The full-precision base model.
    case base
    /// The base model with a LoRA adapter applied at run time.
    case lora
    /// A LoRA adapter merged into the base weights.
    case merged
    /// The base model quantized to 8 bits.
    case q8
    /// The base model quantized to 4 bits.
    case q4
    /// A LoRA adapter trained over the 4-bit base.
    case qlora
    /// Anything else a user names.
    case other

    /// Reads the kind from a variant id's prefix: `lora.sql` is `.lora`, `q4` is `.q4`.
    public init(variantID: String) {
        let prefix = variantID.split(separator: ".", maxSplits: 1).first.map(String.init) ?? variantID
        self = VariantKind(rawValue: prefix.lowercased()) ?? .other
    }

    /// The kind's name as stored in `variants.kind`.
    public var postgresText: String? { rawValue }
}
