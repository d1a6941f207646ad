import Tensor

/// Collects metadata and tensors and writes a GGUF v3 file that llama.cpp and Python's `gguf`
/// package read.
///
/// The byte layout matches Python's `GGUFWriter` for the same content in the same order: the
/// header, the metadata in insertion order, the tensor infos with offsets padded to the
/// alignment, zero padding up to the data section, and each tensor's data followed by zero
/// padding to the alignment (the last one included), which is also the packing llama.cpp
/// checks. The writer adds no keys of its own: llama.cpp also needs `general.architecture`
/// and the family's `<arch>.*` keys, which the caller sets.
public struct GGUFWriter {
    /// The format version written.
    public static let version: UInt32 = 3

    /// The data alignment: 32, or what `general.alignment` was set to.
    public private(set) var alignment = GGUFFile.defaultAlignment
    private var keys: [String] = []
    private var values: [String: GGUFValue] = [:]
    private var entries: [(name: String, dimensions: [Int], dtype: DType, payload: CheckpointPayload)] = []
    private var names: Set<String> = []

    /// Starts an empty file.
    public init() {}

    /// Sets a metadata value; a new key goes after the existing ones, a repeated key keeps its place
    /// (as Python's writer does). `general.alignment` must be a power-of-two uint32 and changes the alignment.
    public mutating func set(_ key: String, _ value: GGUFValue) throws {
        if key == "general.alignment" {
            guard case .uint32(let declared) = value, declared > 0, declared & (declared - 1) == 0 else {
                throw CheckpointError(.invalidArgument, file: "GGUF writer",
                                      "general.alignment must be a power-of-two uint32, got \(value)")
            }
            alignment = Int(declared)
        }
        if values[key] == nil {
            keys.append(key)
        }
        values[key] = value
    }

    /// Adds a tensor from its stored bytes; `dimensions` are GGML's ne[] (row length first).
    public mutating func add(_ name: String, dimensions: [Int], dtype: DType, bytes: [UInt8]) throws {
        try append(name, dimensions: dimensions, dtype: dtype, payload: .owned(bytes))
    }

    /// Adds Float32 values stored as F32, F16 or BF16; `dimensions` are GGML's ne[].
    public mutating func add(_ name: String, floats: [Float], dimensions: [Int], as dtype: DType = .f32) throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(floats.count * 4)
        switch dtype {
        case .f32: for value in floats { bytes.appendLittleEndian(value.bitPattern) }
        case .f16: for value in floats { bytes.appendLittleEndian(CheckpointHalfFloat.half(fromFloat: value)) }
        case .bf16: for value in floats { bytes.appendLittleEndian(CheckpointHalfFloat.bfloat(fromFloat: value)) }
        default:
            throw CheckpointError(.invalidArgument, file: "GGUF writer", tensor: name,
                                  "floats convert only to f32, f16 or bf16; quantize \(dtype) through the Tensor module")
        }
        try append(name, dimensions: dimensions, dtype: dtype, payload: .owned(bytes))
    }

    /// Adds a matrix (any dtype) without copying it, as GGML dimensions [cols, rows] unless
    /// `dimensions` says otherwise (a norm weight held as one row is written as `[cols]`).
    public mutating func add(_ name: String, matrix: WeightMatrix, dimensions: [Int]? = nil) throws {
        guard matrix.lowRank == nil else {
            throw CheckpointError(.invalidArgument, file: "GGUF writer", tensor: name,
                                  "the matrix carries a low-rank adapter term its bytes do not hold; merge the adapter first (lce merge)")
        }
        let buffer = UnsafeRawBufferPointer(start: matrix.bytes, count: matrix.rows * matrix.rowBytes)
        try append(name, dimensions: dimensions ?? [matrix.cols, matrix.rows], dtype: matrix.dtype,
                   payload: .borrowed(buffer, owner: matrix.owner))
    }

    private mutating func append(_ name: String, dimensions: [Int], dtype: DType, payload: CheckpointPayload) throws {
        func fail(_ detail: String) -> CheckpointError {
            CheckpointError(.invalidArgument, file: "GGUF writer", tensor: name, detail)
        }
        guard !name.isEmpty else { throw fail("tensor names cannot be empty") }
        guard !names.contains(name) else { throw fail("a tensor with this name was already added") }
        guard (1...GGUFFile.maximumDimensions).contains(dimensions.count), dimensions.allSatisfy({ $0 >= 0 }) else {
            throw fail("dimensions \(dimensions) must be 1 to \(GGUFFile.maximumDimensions) non-negative sizes")
        }
        guard dimensions[0] % dtype.blockElements == 0 else {
            throw fail("row length \(dimensions[0]) is not a whole number of \(dtype) blocks of \(dtype.blockElements)")
        }
        var elements = 1
        for dimension in dimensions {
            let (product, overflow) = elements.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw fail("dimensions \(dimensions) overflow") }
            elements = product
        }
        guard dtype.byteCount(elements: elements) == payload.count else {
            throw fail("dimensions \(dimensions) of \(dtype) need \(dtype.byteCount(elements: elements) ?? -1) bytes, got \(payload.count)")
        }
        names.insert(name)
        entries.append((name, dimensions, dtype, payload))
    }

    /// Everything before the data section: header, metadata, tensor infos and padding.
    public func headerBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendLittleEndian(GGUFFile.magic)
        bytes.appendLittleEndian(Self.version)
        bytes.appendLittleEndian(UInt64(entries.count))
        bytes.appendLittleEndian(UInt64(keys.count))
        for key in keys {
            Self.appendString(key, to: &bytes)
            if let value = values[key] {
                bytes.appendLittleEndian(value.type.rawValue)
                Self.append(value, to: &bytes)
            }
        }
        var offset = 0
        for entry in entries {
            Self.appendString(entry.name, to: &bytes)
            bytes.appendLittleEndian(UInt32(entry.dimensions.count))
            for dimension in entry.dimensions {
                bytes.appendLittleEndian(UInt64(dimension))
            }
            bytes.appendLittleEndian(entry.dtype.rawValue)
            bytes.appendLittleEndian(UInt64(offset))
            offset += padded(entry.payload.count)
        }
        bytes.append(contentsOf: repeatElement(0, count: padded(bytes.count) - bytes.count))
        return bytes
    }

    /// Writes the file at `path` (through a temporary file renamed into place).
    public func write(to path: String) throws {
        let output = try CheckpointOutputFile(path: path)
        try output.write(headerBytes())
        for entry in entries {
            try entry.payload.withBytes { try output.write($0) }
            try output.writeZeros(padded(entry.payload.count) - entry.payload.count)
        }
        try output.finish()
    }

    private func padded(_ count: Int) -> Int {
        (count + alignment - 1) / alignment * alignment
    }

    private static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.appendLittleEndian(UInt64(text.utf8.count))
        bytes.append(contentsOf: text.utf8)
    }

    private static func append(_ value: GGUFValue, to bytes: inout [UInt8]) {
        switch value {
        case .uint8(let v): bytes.appendLittleEndian(v)
        case .int8(let v): bytes.appendLittleEndian(v)
        case .uint16(let v): bytes.appendLittleEndian(v)
        case .int16(let v): bytes.appendLittleEndian(v)
        case .uint32(let v): bytes.appendLittleEndian(v)
        case .int32(let v): bytes.appendLittleEndian(v)
        case .float32(let v): bytes.appendLittleEndian(v.bitPattern)
        case .uint64(let v): bytes.appendLittleEndian(v)
        case .int64(let v): bytes.appendLittleEndian(v)
        case .float64(let v): bytes.appendLittleEndian(v.bitPattern)
        case .bool(let v): bytes.append(v ? 1 : 0)
        case .string(let v): appendString(v, to: &bytes)
        case .array(let array): append(array, to: &bytes)
        }
    }

    private static func append(_ array: GGUFArray, to bytes: inout [UInt8]) {
        bytes.appendLittleEndian(array.elementType.rawValue)
        bytes.appendLittleEndian(UInt64(array.count))
        switch array {
        case .uint8(let v): bytes.append(contentsOf: v)
        case .int8(let v): for x in v { bytes.appendLittleEndian(x) }
        case .uint16(let v): for x in v { bytes.appendLittleEndian(x) }
        case .int16(let v): for x in v { bytes.appendLittleEndian(x) }
        case .uint32(let v): for x in v { bytes.appendLittleEndian(x) }
        case .int32(let v): for x in v { bytes.appendLittleEndian(x) }
        case .float32(let v): for x in v { bytes.appendLittleEndian(x.bitPattern) }
        case .uint64(let v): for x in v { bytes.appendLittleEndian(x) }
        case .int64(let v): for x in v { bytes.appendLittleEndian(x) }
        case .float64(let v): for x in v { bytes.appendLittleEndian(x.bitPattern) }
        case .bool(let v): for x in v { bytes.append(x ? 1 : 0) }
        case .string(let v): for x in v { appendString(x, to: &bytes) }
        case .array(let v): for x in v { append(x, to: &bytes) }
        }
    }
}
