/// GGML's Q6_K super-block: 256 weights of 6 bits in 16 sub-blocks of 16 with signed 8-bit scales
/// and one f16 `d`, weight = d · scale · (q - 32).
///
/// Layout: ql[128] (low nibbles), qh[64] (high 2-bit pairs), scales[16] (int8), d (f16). Each half
/// of 128 weights uses 64 bytes of ql and 32 of qh: weight l, l+32, l+64, l+96 take the low nibble
/// of ql[l], of ql[l+32], the high nibble of ql[l], of ql[l+32], and bits 0-1, 2-3, 4-5, 6-7 of qh[l].
enum BlockQ6_K {
    /// Decodes one 210-byte block into 256 floats.
    @inline(__always)
    static func dequantize(_ block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        let ql0 = block.assumingMemoryBound(to: UInt8.self)
        let qh0 = (block + 128).assumingMemoryBound(to: UInt8.self)
        let sc0 = (block + 192).assumingMemoryBound(to: Int8.self)
        let d = HalfFloat.toFloat((block + 208).loadUnaligned(as: UInt16.self))
        for half in 0..<2 {
            let ql = ql0 + 64 * half, qh = qh0 + 32 * half, sc = sc0 + 8 * half
            let out = y + 128 * half
            for l in 0..<32 {
                let s = l / 16
                let q1 = Int32((ql[l] & 0x0F) | ((qh[l] & 3) << 4)) - 32
                let q2 = Int32((ql[l + 32] & 0x0F) | (((qh[l] >> 2) & 3) << 4)) - 32
                let q3 = Int32((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32
                let q4 = Int32((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32
                out[l] = d * Float(sc[s]) * Float(q1)
                out[l + 32] = d * Float(sc[s + 2]) * Float(q2)
                out[l + 64] = d * Float(sc[s + 4]) * Float(q3)
                out[l + 96] = d * Float(sc[s + 6]) * Float(q4)
            }
        }
    }
}
