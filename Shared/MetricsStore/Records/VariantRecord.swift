/// A servable form of a base model: itself, with an adapter, merged or quantized.
public struct VariantRecord: Sendable, Equatable {
    /// Name of the base model it derives from.
    public var model: String
    /// Variant id, unique per model: `base`, `lora.<adapter>`, `merged`, `q8`, `q4`, `qlora.<adapter>`.
    public var variant: String
    /// Kind, by default read from the id.
    public var kind: VariantKind
    /// Adapter name for LoRA-derived variants.
    public var adapter: String?
    /// Location on disk.
    public var path: String?
    /// Size on disk in bytes (the adapter alone for `lora.*`).
    public var sizeBytes: Int64?

    /// Creates a variant record.
    public init(model: String, variant: String, kind: VariantKind? = nil, adapter: String? = nil,
                path: String? = nil, sizeBytes: Int64? = nil) {
        self.model = model
        self.variant = variant
        self.kind = kind ?? VariantKind(variantID: variant)
        self.adapter = adapter
        self.path = path
        self.sizeBytes = sizeBytes
    }
}
