/// Decoding rows of any dtype to Float32.
extension WeightMatrix {
    /// Row `row` as Float32 (embedding lookup), `cols` elements; a row outside the matrix is a
    /// programming error and traps.
    public func dequantizeRow(_ row: Int, into out: UnsafeMutablePointer<Float>) {
        precondition(row >= 0 && row < rows, "row \(row) outside a matrix of \(rows) rows")
        Self.dequantize(bytes + row * rowBytes, dtype: dtype, count: cols, into: out)
    }

    /// The whole matrix as Float32, a low-rank term included (tests, merges, small models only).
    public func toFloat32() -> [Float] {
        var values = storedFloat32()
        if let lowRank {
            let delta = lowRank.dense()
            for i in values.indices { values[i] += delta[i] }
        }
        return values
    }

    /// The encoded bytes alone as Float32.
    func storedFloat32() -> [Float] {
        [Float](unsafeUninitializedCapacity: rows * cols) { buffer, initialized in
            let out = buffer.baseAddress!
            // Read once: a count changed between the split and the shares would leave rows undecoded.
            let parts = min(rows, Threading.count)
            Threading.parallelFor(parts) { part in
                let range = Self.share(of: rows, part: part, parts: parts)
                for r in range { dequantizeRow(r, into: out + r * cols) }
            }
            initialized = rows * cols
        }
    }

    /// Decodes `count` consecutive elements (a whole number of blocks) starting at `src`.
    static func dequantize(_ src: UnsafeRawPointer, dtype: DType, count: Int, into out: UnsafeMutablePointer<Float>) {
        switch dtype {
        case .f32:
            out.update(from: src.assumingMemoryBound(to: Float.self), count: count)
        case .f16:
            HalfFloat.toFloat(src.assumingMemoryBound(to: UInt16.self), count: count, into: out)
        case .bf16:
            HalfFloat.bf16ToFloat(src.assumingMemoryBound(to: UInt16.self), count: count, into: out)
        case .q8_0:
            for b in 0..<count / 32 { BlockQ8_0.dequantize(src + 34 * b, into: out + 32 * b) }
        case .q4_0:
            for b in 0..<count / 32 { BlockQ4_0.dequantize(src + 18 * b, into: out + 32 * b) }
        case .q5_0:
            for b in 0..<count / 32 { BlockQ5_0.dequantize(src + 22 * b, into: out + 32 * b) }
        case .q4_K:
            for b in 0..<count / 256 { BlockQ4_K.dequantize(src + 144 * b, into: out + 256 * b) }
        case .q6_K:
            for b in 0..<count / 256 { BlockQ6_K.dequantize(src + 210 * b, into: out + 256 * b) }
        }
    }

    /// The rows part `part` of `parts` handles when `total` rows are split as evenly as possible.
    static func share(of total: Int, part: Int, parts: Int) -> Range<Int> {
        let base = total / parts, extra = total % parts
        let start = part * base + min(part, extra)
        return start..<(start + base + (part < extra ? 1 : 0))
    }
}
