/// Making quantized (or half-precision) matrices from Float32 values in this process.
extension WeightMatrix {
    /// `rows` x `cols` row-major values encoded as `dtype`, in owned storage, with GGML's
    /// reference rounding so the bytes match what llama.cpp's quantizer writes.
    public static func quantize(_ values: [Float], rows: Int, cols: Int, to dtype: DType) throws -> WeightMatrix {
        guard values.count == rows * cols else {
            throw TensorError.invalidShape("\(values.count) values cannot fill a [\(rows), \(cols)] matrix")
        }
        return try values.withUnsafeBufferPointer { try quantize($0.baseAddress!, rows: rows, cols: cols, to: dtype) }
    }

    /// `rows` x `cols` row-major values read from `values`, encoded as `dtype` in owned storage.
    public static func quantize(_ values: UnsafePointer<Float>, rows: Int, cols: Int, to dtype: DType) throws -> WeightMatrix {
        let matrix = try owned(rows: rows, cols: cols, dtype: dtype)
        let out = matrix.mutableBytes!
        let rowBytes = matrix.rowBytes
        // Read once: a count changed between the split and the shares would leave rows unencoded.
        let parts = min(rows, Threading.count)
        Threading.parallelFor(parts) { part in
            for r in share(of: rows, part: part, parts: parts) {
                quantizeRow(values + r * cols, count: cols, dtype: dtype, into: out + r * rowBytes)
            }
        }
        return matrix
    }

    /// Encodes `count` floats (a whole number of blocks) as `dtype` at `out`.
    static func quantizeRow(_ x: UnsafePointer<Float>, count: Int, dtype: DType, into out: UnsafeMutableRawPointer) {
        switch dtype {
        case .f32:
            out.copyMemory(from: x, byteCount: count * 4)
        case .f16:
            let h = out.assumingMemoryBound(to: UInt16.self)
            for i in 0..<count { h[i] = HalfFloat.fromFloat(x[i]) }
        case .bf16:
            let h = out.assumingMemoryBound(to: UInt16.self)
            for i in 0..<count { h[i] = HalfFloat.bf16FromFloat(x[i]) }
        case .q8_0:
            for b in 0..<count / 32 { BlockQ8_0.quantize(x + 32 * b, into: out + 34 * b) }
        case .q4_0:
            for b in 0..<count / 32 { BlockQ4_0.quantize(x + 32 * b, into: out + 18 * b) }
        case .q5_0:
            for b in 0..<count / 32 { BlockQ5_0.quantize(x + 32 * b, into: out + 22 * b) }
        case .q4_K:
            for b in 0..<count / 256 { BlockQ4_K.quantize(x + 256 * b, into: out + 144 * b) }
        case .q6_K:
            for b in 0..<count / 256 { BlockQ6_K.quantize(x + 256 * b, into: out + 210 * b) }
        }
    }
}
