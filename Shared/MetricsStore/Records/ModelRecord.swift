/// A base model in the registry, identified by its unique name.
public struct ModelRecord: Sendable, Equatable {
    /// Unique name, e.g. `qwen2.5-coder-0.5b-instruct`.
    public var name: String
    /// Architecture family, e.g. `qwen2`, `llama`, `gpt2`, `opt`.
    public var family: String?
    /// Location in the model registry.
    public var path: String?
    /// Parameter count.
    public var params: Int64?
    /// Size on disk in bytes.
    public var sizeBytes: Int64?

    /// Creates a model record.
    public init(name: String, family: String? = nil, path: String? = nil, params: Int64? = nil, sizeBytes: Int64? = nil) {
        self.name = name
        self.family = family
        self.path = path
        self.params = params
        self.sizeBytes = sizeBytes
    }
}
