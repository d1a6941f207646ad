/// Weight matrices whose bytes this process allocates and owns (F32 copies, quantized variants).
extension WeightMatrix {
    /// A zero-filled matrix in 64-byte-aligned storage it owns; write it through `mutableBytes`.
    public static func owned(rows: Int, cols: Int, dtype: DType) throws -> WeightMatrix {
        guard rows > 0, cols > 0 else {
            throw TensorError.invalidShape("weight matrix must have positive dimensions, got [\(rows), \(cols)]")
        }
        let (elements, overflow) = rows.multipliedReportingOverflow(by: cols)
        guard !overflow, let byteCount = dtype.byteCount(elements: elements) else {
            throw TensorError.invalidShape("[\(rows), \(cols)] is not a whole number of \(dtype) blocks per row or is too large")
        }
        let buffer = AlignedBuffer(byteCount: byteCount)
        return try WeightMatrix(rows: rows, cols: cols, dtype: dtype, bytes: UnsafeRawPointer(buffer.bytes), owner: buffer)
    }

    /// The bytes as writable memory when this matrix owns them (made by `owned`, `fromFloat32` or
    /// `quantize`); nil for matrices that borrow a mapped file.
    public var mutableBytes: UnsafeMutableRawPointer? {
        guard let buffer = owner as? AlignedBuffer, UnsafeRawPointer(buffer.bytes) == bytes else { return nil }
        return buffer.bytes
    }

    /// An owned F32 copy of `rows` x `cols` row-major values.
    public static func fromFloat32(_ values: [Float], rows: Int, cols: Int) throws -> WeightMatrix {
        guard values.count == rows * cols else {
            throw TensorError.invalidShape("\(values.count) values cannot fill a [\(rows), \(cols)] matrix")
        }
        return try values.withUnsafeBufferPointer { try fromFloat32($0.baseAddress!, rows: rows, cols: cols) }
    }

    /// An owned F32 copy of `rows` x `cols` row-major values read from `values`.
    public static func fromFloat32(_ values: UnsafePointer<Float>, rows: Int, cols: Int) throws -> WeightMatrix {
        let matrix = try owned(rows: rows, cols: cols, dtype: .f32)
        matrix.mutableBytes!.copyMemory(from: values, byteCount: rows * cols * 4)
        return matrix
    }
}
