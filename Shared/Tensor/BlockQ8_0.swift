/// GGML's Q8_0 block: 32 weights as an f16 scale `d` and 32 signed bytes, weight = d · q.
enum BlockQ8_0 {
    /// Decodes one 34-byte block into 32 floats.
    @inline(__always)
    static func dequantize(_ block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        let d = HalfFloat.toFloat(block.loadUnaligned(as: UInt16.self))
        let q = (block + 2).assumingMemoryBound(to: Int8.self)
        for j in 0..<32 { y[j] = Float(q[j]) * d }
    }

    /// Encodes 32 floats as GGML's quantize_row_q8_0_ref does: d = max|x| / 127, q = round(x / d).
    @inline(__always)
    static func quantize(_ x: UnsafePointer<Float>, into block: UnsafeMutableRawPointer) {
        var amax: Float = 0
        for j in 0..<32 { amax = max(amax, abs(x[j])) }
        let d = amax / 127
        let id: Float = d != 0 ? 1 / d : 0
        block.storeBytes(of: HalfFloat.fromFloat(d), as: UInt16.self)
        let q = (block + 2).assumingMemoryBound(to: Int8.self)
        for j in 0..<32 { q[j] = Int8((x[j] * id).rounded()) }
    }
}
