/// Hands a GGUF file's `tokenizer.ggml.*` metadata to the tokenizer through its metadata seam.
public struct GGUFTokenizerSource: GGUFMetadataSource {
    /// The file whose metadata is read.
    public let file: GGUFFile

    /// Wraps `file`.
    public init(file: GGUFFile) { self.file = file }

    /// The string under `key`.
    public func ggufString(_ key: String) -> String? {
        if case .string(let value)? = file.value(key) { return value }
        return nil
    }

    /// The string array under `key`.
    public func ggufStringArray(_ key: String) -> [String]? {
        if case .array(.string(let values))? = file.value(key) { return values }
        return nil
    }

    /// The integer array under `key`, widened to Int.
    public func ggufIntegerArray(_ key: String) -> [Int]? {
        guard case .array(let array)? = file.value(key) else { return nil }
        switch array {
        case .int8(let v): return v.map(Int.init)
        case .uint8(let v): return v.map(Int.init)
        case .int16(let v): return v.map(Int.init)
        case .uint16(let v): return v.map(Int.init)
        case .int32(let v): return v.map(Int.init)
        case .uint32(let v): return v.map(Int.init)
        case .int64(let v): return v.map(Int.init)
        case .uint64(let v): return v.compactMap { Int(exactly: $0) }
        default: return nil
        }
    }

    /// The integer under `key`, whatever its width.
    public func ggufInteger(_ key: String) -> Int? { file.value(key)?.integerValue }

    /// The boolean under `key`.
    public func ggufBool(_ key: String) -> Bool? {
        if case .bool(let value)? = file.value(key) { return value }
        return nil
    }
}
