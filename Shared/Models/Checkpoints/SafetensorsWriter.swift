import Tensor

/// Collects F32/F16/BF16 tensors and metadata and writes a `.safetensors` file that Python's
/// `safetensors` library reads back exactly.
///
/// The layout follows the reference writer: tensors ordered by dtype (F32, then BF16, then F16)
/// and then by name, packed with no gaps; the JSON header written compactly and padded with
/// spaces to a multiple of 8 bytes so the data section starts 8-byte aligned. Metadata keys
/// are written sorted, so the output is deterministic.
public struct SafetensorsWriter {
    /// Free-form strings stored under `__metadata__` (omitted when empty).
    public var metadata: [String: String]
    private var entries: [(name: String, dtype: DType, shape: [Int], payload: CheckpointPayload)] = []
    private var names: Set<String> = []

    /// Starts an empty file with the given metadata.
    public init(metadata: [String: String] = [:]) {
        self.metadata = metadata
    }

    /// Adds a tensor from its little-endian bytes, checking the count against `shape`.
    public mutating func add(_ name: String, dtype: DType, shape: [Int], bytes: [UInt8]) throws {
        try append(name, dtype: dtype, shape: shape, payload: .owned(bytes))
    }

    /// Adds Float32 values stored as `dtype` (F16 and BF16 round to nearest-even, as numpy and PyTorch do).
    public mutating func add(_ name: String, floats: [Float], shape: [Int], as dtype: DType = .f32) throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(floats.count * 4)
        switch dtype {
        case .f32:
            for value in floats { bytes.appendLittleEndian(value.bitPattern) }
        case .f16:
            for value in floats { bytes.appendLittleEndian(CheckpointHalfFloat.half(fromFloat: value)) }
        case .bf16:
            for value in floats { bytes.appendLittleEndian(CheckpointHalfFloat.bfloat(fromFloat: value)) }
        default:
            throw CheckpointError(.invalidArgument, file: "safetensors writer", tensor: name,
                                  "safetensors cannot store \(dtype) tensors (only f32, f16, bf16)")
        }
        try append(name, dtype: dtype, shape: shape, payload: .owned(bytes))
    }

    /// Adds a matrix's bytes without copying them (the matrix's owner is kept alive until written);
    /// `shape` defaults to [rows, cols].
    public mutating func add(_ name: String, matrix: WeightMatrix, shape: [Int]? = nil) throws {
        guard matrix.lowRank == nil else {
            throw CheckpointError(.invalidArgument, file: "safetensors writer", tensor: name,
                                  "the matrix carries a low-rank adapter term its bytes do not hold; merge the adapter first (lce merge)")
        }
        let byteCount = matrix.rows * matrix.rowBytes
        let buffer = UnsafeRawBufferPointer(start: matrix.bytes, count: byteCount)
        try append(name, dtype: matrix.dtype, shape: shape ?? [matrix.rows, matrix.cols],
                   payload: .borrowed(buffer, owner: matrix.owner))
    }

    private mutating func append(_ name: String, dtype: DType, shape: [Int], payload: CheckpointPayload) throws {
        func fail(_ detail: String) -> CheckpointError {
            CheckpointError(.invalidArgument, file: "safetensors writer", tensor: name, detail)
        }
        guard !name.isEmpty, name != "__metadata__" else { throw fail("this name cannot be used for a tensor") }
        guard !names.contains(name) else { throw fail("a tensor with this name was already added") }
        guard dtype.safetensorsName != nil else {
            throw fail("safetensors cannot store \(dtype) tensors (only f32, f16, bf16)")
        }
        guard shape.allSatisfy({ $0 >= 0 }) else { throw fail("shape \(shape) has a negative dimension") }
        var elements = 1
        for dimension in shape {
            let (product, overflow) = elements.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw fail("shape \(shape) overflows") }
            elements = product
        }
        guard dtype.byteCount(elements: elements) == payload.count else {
            throw fail("shape \(shape) of \(dtype) needs \(dtype.byteCount(elements: elements) ?? -1) bytes, got \(payload.count)")
        }
        names.insert(name)
        entries.append((name, dtype, shape, payload))
    }

    /// The tensors in the order they are written.
    private var ordered: [(name: String, dtype: DType, shape: [Int], payload: CheckpointPayload)] {
        entries.sorted { left, right in
            if left.dtype.safetensorsOrder != right.dtype.safetensorsOrder {
                return left.dtype.safetensorsOrder > right.dtype.safetensorsOrder
            }
            return Array(left.name.utf8).lexicographicallyPrecedes(right.name.utf8)
        }
    }

    /// The 8-byte length followed by the padded JSON header, exactly as written to the file.
    public func headerBytes() -> [UInt8] {
        var json = "{"
        var first = true
        if !metadata.isEmpty {
            json += "\"__metadata__\":{"
            let keys = metadata.keys.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
            json += keys.map { "\(jsonQuoted($0)):\(jsonQuoted(metadata[$0] ?? ""))" }.joined(separator: ",")
            json += "}"
            first = false
        }
        var offset = 0
        for entry in ordered {
            if !first { json += "," }
            first = false
            let end = offset + entry.payload.count
            let shape = entry.shape.map(String.init).joined(separator: ",")
            json += "\(jsonQuoted(entry.name)):{\"dtype\":\"\(entry.dtype.safetensorsName ?? "")\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}"
            offset = end
        }
        json += "}"
        var header = Array(json.utf8)
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - header.count % 8) % 8))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count)
        bytes.appendLittleEndian(UInt64(header.count))
        bytes.append(contentsOf: header)
        return bytes
    }

    /// Writes the file at `path` (through a temporary file renamed into place).
    public func write(to path: String) throws {
        let output = try CheckpointOutputFile(path: path)
        try output.write(headerBytes())
        for entry in ordered {
            try entry.payload.withBytes { try output.write($0) }
        }
        try output.finish()
    }
}

/// `text` as a JSON string literal the way serde_json writes it: only quote, backslash and
/// control characters escaped, everything else as raw UTF-8.
private func jsonQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
