/// GGML's Q4_0 block: 32 weights as an f16 scale `d` and 16 bytes of nibbles, weight = d · (q - 8);
/// byte j holds weight j in its low nibble and weight j + 16 in its high nibble.
enum BlockQ4_0 {
    /// Decodes one 18-byte block into 32 floats.
    @inline(__always)
    static func dequantize(_ block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        let d = HalfFloat.toFloat(block.loadUnaligned(as: UInt16.self))
        let q = (block + 2).assumingMemoryBound(to: UInt8.self)
        for j in 0..<16 {
            y[j] = Float(Int32(q[j] & 0x0F) - 8) * d
            y[j + 16] = Float(Int32(q[j] >> 4) - 8) * d
        }
    }

    /// Encodes 32 floats as GGML's quantize_row_q4_0_ref does: d = (signed max) / -8, q = trunc(x/d + 8.5) capped at 15.
    @inline(__always)
    static func quantize(_ x: UnsafePointer<Float>, into block: UnsafeMutableRawPointer) {
        let d = QuantizationMath.signedAbsMax(x, count: 32) / -8
        let id: Float = d != 0 ? 1 / d : 0
        block.storeBytes(of: HalfFloat.fromFloat(d), as: UInt16.self)
        let q = (block + 2).assumingMemoryBound(to: UInt8.self)
        for j in 0..<16 {
            let q0 = min(15, UInt8(x[j] * id + 8.5))
            let q1 = min(15, UInt8(x[j + 16] * id + 8.5))
            q[j] = q0 | (q1 << 4)
        }
    }
}
