/// GGML's Q5_0 block: 32 weights as an f16 scale `d`, 32 fifth bits (a little-endian UInt32) and
/// 16 bytes of nibbles laid out as in Q4_0, weight = d · (q - 16).
enum BlockQ5_0 {
    /// Decodes one 22-byte block into 32 floats.
    @inline(__always)
    static func dequantize(_ block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        let d = HalfFloat.toFloat(block.loadUnaligned(as: UInt16.self))
        let high = UInt32(littleEndian: (block + 2).loadUnaligned(as: UInt32.self))
        let q = (block + 6).assumingMemoryBound(to: UInt8.self)
        for j in 0..<16 {
            let h0 = UInt8(truncatingIfNeeded: (high >> UInt32(j)) & 1) << 4
            let h1 = UInt8(truncatingIfNeeded: (high >> UInt32(j + 16)) & 1) << 4
            y[j] = Float(Int32((q[j] & 0x0F) | h0) - 16) * d
            y[j + 16] = Float(Int32((q[j] >> 4) | h1) - 16) * d
        }
    }

    /// Encodes 32 floats as GGML's quantize_row_q5_0_ref does: d = (signed max) / -16, q = trunc(x/d + 16.5) capped at 31.
    @inline(__always)
    static func quantize(_ x: UnsafePointer<Float>, into block: UnsafeMutableRawPointer) {
        let d = QuantizationMath.signedAbsMax(x, count: 32) / -16
        let id: Float = d != 0 ? 1 / d : 0
        block.storeBytes(of: HalfFloat.fromFloat(d), as: UInt16.self)
        var high: UInt32 = 0
        let q = (block + 6).assumingMemoryBound(to: UInt8.self)
        for j in 0..<16 {
            let q0 = min(31, UInt8(x[j] * id + 16.5))
            let q1 = min(31, UInt8(x[j + 16] * id + 16.5))
            q[j] = (q0 & 0x0F) | ((q1 & 0x0F) << 4)
            high |= UInt32(q0 >> 4) << UInt32(j)
            high |= UInt32(q1 >> 4) << UInt32(j + 16)
        }
        (block + 2).storeBytes(of: high.littleEndian, as: UInt32.self)
    }
}
