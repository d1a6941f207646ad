extension GGUFFile {
    /// True when the metadata has `key`.
    public func contains(key: String) -> Bool { metadata[key] != nil }

    /// The raw value under `key`, or nil when absent.
    public func value(_ key: String) -> GGUFValue? { metadata[key] }

    /// The string under `key` ("general.architecture").
    public func string(_ key: String) throws -> String {
        try typed(key, "string") { if case .string(let v) = $0 { return v }; return nil }
    }

    /// The uint32 under `key`.
    public func uint32(_ key: String) throws -> UInt32 {
        try typed(key, "uint32") { if case .uint32(let v) = $0 { return v }; return nil }
    }

    /// The int32 under `key`.
    public func int32(_ key: String) throws -> Int32 {
        try typed(key, "int32") { if case .int32(let v) = $0 { return v }; return nil }
    }

    /// The uint64 under `key`.
    public func uint64(_ key: String) throws -> UInt64 {
        try typed(key, "uint64") { if case .uint64(let v) = $0 { return v }; return nil }
    }

    /// The value under `key` as an Int when it is any integer type (writers differ on u32, i32, u64).
    public func integer(_ key: String) throws -> Int {
        try typed(key, "integer") { $0.integerValue }
    }

    /// The float32 under `key` ("qwen2.rope.freq_base").
    public func float(_ key: String) throws -> Float {
        try typed(key, "float32") { if case .float32(let v) = $0 { return v }; return nil }
    }

    /// The float64 under `key`.
    public func float64(_ key: String) throws -> Double {
        try typed(key, "float64") { if case .float64(let v) = $0 { return v }; return nil }
    }

    /// The bool under `key`.
    public func bool(_ key: String) throws -> Bool {
        try typed(key, "bool") { if case .bool(let v) = $0 { return v }; return nil }
    }

    /// The array under `key`, whatever its element type.
    public func array(_ key: String) throws -> GGUFArray {
        try typed(key, "array") { if case .array(let v) = $0 { return v }; return nil }
    }

    /// The array of strings under `key` ("tokenizer.ggml.tokens", "tokenizer.ggml.merges").
    public func stringArray(_ key: String) throws -> [String] {
        try typed(key, "array of string") { if case .array(.string(let v)) = $0 { return v }; return nil }
    }

    /// The array of int32 under `key` ("tokenizer.ggml.token_type").
    public func int32Array(_ key: String) throws -> [Int32] {
        try typed(key, "array of int32") { if case .array(.int32(let v)) = $0 { return v }; return nil }
    }

    /// The array of uint32 under `key`.
    public func uint32Array(_ key: String) throws -> [UInt32] {
        try typed(key, "array of uint32") { if case .array(.uint32(let v)) = $0 { return v }; return nil }
    }

    /// The array of float32 under `key` ("tokenizer.ggml.scores").
    public func floatArray(_ key: String) throws -> [Float] {
        try typed(key, "array of float32") { if case .array(.float32(let v)) = $0 { return v }; return nil }
    }

    private func typed<T>(_ key: String, _ expected: String, _ extract: (GGUFValue) -> T?) throws -> T {
        guard let value = metadata[key] else {
            throw CheckpointError(.missingKey, file: path, "metadata key '\(key)' is missing")
        }
        guard let result = extract(value) else {
            throw CheckpointError(.wrongValueType, file: path,
                                  "metadata key '\(key)' holds \(value.typeDescription), not \(expected)")
        }
        return result
    }
}
