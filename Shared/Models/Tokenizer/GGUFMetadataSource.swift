/// Read access to a GGUF file's metadata values, the seam through which a GGUF reader hands
/// the `tokenizer.ggml.*` keys to `GGUFTokenizerMetadata` (values absent or of another type
/// are nil).
public protocol GGUFMetadataSource {
    /// The string stored under `key`.
    func ggufString(_ key: String) -> String?
    /// The string array stored under `key`.
    func ggufStringArray(_ key: String) -> [String]?
    /// The integer array stored under `key`, whatever its integer width.
    func ggufIntegerArray(_ key: String) -> [Int]?
    /// The integer stored under `key`, whatever its integer width.
    func ggufInteger(_ key: String) -> Int?
    /// The boolean stored under `key`.
    func ggufBool(_ key: String) -> Bool?
}
