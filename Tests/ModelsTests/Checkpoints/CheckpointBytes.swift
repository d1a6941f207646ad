/// Little-endian byte building for hand-made (often deliberately broken) files.
struct CheckpointBytes {
    var bytes: [UInt8] = []

    mutating func u8(_ value: UInt8) { bytes.append(value) }
    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func raw(_ values: [UInt8]) { bytes.append(contentsOf: values) }

    /// A GGUF string: u64 length then the bytes.
    mutating func string(_ text: String) { rawString(Array(text.utf8)) }
    mutating func rawString(_ utf8: [UInt8]) {
        u64(UInt64(utf8.count))
        raw(utf8)
    }

    /// A GGUF tensor info.
    mutating func tensorInfo(_ name: String, dimensions: [UInt64], type: UInt32, offset: UInt64) {
        string(name)
        u32(UInt32(dimensions.count))
        for dimension in dimensions { u64(dimension) }
        u32(type)
        u64(offset)
    }

    /// Zero bytes up to the next multiple of `alignment`.
    mutating func pad(to alignment: Int) {
        bytes.append(contentsOf: repeatElement(0, count: (alignment - bytes.count % alignment) % alignment))
    }

    /// A GGUF v3 header with the given counts.
    static func ggufHeader(tensors: UInt64, metadata: UInt64, version: UInt32 = 3) -> CheckpointBytes {
        var builder = CheckpointBytes()
        builder.raw(Array("GGUF".utf8))
        builder.u32(version)
        builder.u64(tensors)
        builder.u64(metadata)
        return builder
    }

    /// A safetensors file from a header string (unpadded) and data bytes.
    static func safetensors(header: String, data: [UInt8]) -> [UInt8] {
        safetensors(headerBytes: Array(header.utf8), data: data)
    }

    static func safetensors(headerBytes: [UInt8], data: [UInt8]) -> [UInt8] {
        var builder = CheckpointBytes()
        builder.u64(UInt64(headerBytes.count))
        builder.raw(headerBytes)
        builder.raw(data)
        return builder.bytes
    }
}
