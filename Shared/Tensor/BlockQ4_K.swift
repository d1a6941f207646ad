/// GGML's Q4_K super-block: 256 weights in 8 sub-blocks of 32, each with a 6-bit scale and a
/// 6-bit minimum (packed in 12 bytes) applied to f16 `d` and `dmin`, weight = d·sc·q - dmin·m.
///
/// Layout: d (f16), dmin (f16), scales[12], qs[128]; qs holds four 64-weight groups of 32 bytes,
/// the low nibbles being sub-block 2g and the high nibbles sub-block 2g + 1.
enum BlockQ4_K {
    /// The 6-bit scale and minimum of sub-block `j` (0..<8) from the 12 packed bytes.
    @inline(__always)
    static func scaleAndMin(_ j: Int, _ s: UnsafePointer<UInt8>) -> (UInt8, UInt8) {
        if j < 4 {
            return (s[j] & 63, s[j + 4] & 63)
        }
        return ((s[j + 4] & 0x0F) | ((s[j - 4] >> 6) << 4), (s[j + 4] >> 4) | ((s[j] >> 6) << 4))
    }

    /// Decodes one 144-byte block into 256 floats.
    @inline(__always)
    static func dequantize(_ block: UnsafeRawPointer, into y: UnsafeMutablePointer<Float>) {
        let d = HalfFloat.toFloat(block.loadUnaligned(as: UInt16.self))
        let dmin = HalfFloat.toFloat((block + 2).loadUnaligned(as: UInt16.self))
        let scales = (block + 4).assumingMemoryBound(to: UInt8.self)
        let qs = (block + 16).assumingMemoryBound(to: UInt8.self)
        for g in 0..<4 {
            let (sc0, m0) = scaleAndMin(2 * g, scales)
            let (sc1, m1) = scaleAndMin(2 * g + 1, scales)
            let d0 = d * Float(sc0), min0 = dmin * Float(m0)
            let d1 = d * Float(sc1), min1 = dmin * Float(m1)
            let q = qs + 32 * g
            let out = y + 64 * g
            for l in 0..<32 {
                out[l] = d0 * Float(q[l] & 0x0F) - min0
                out[l + 32] = d1 * Float(q[l] >> 4) - min1
            }
        }
    }
}
