#if arch(x86_64)
import _Builtin_intrinsics.intel

/// Quantized row-dot kernels for x86-64 with AVX2, FMA and F16C.
///
/// This target is compiled with those instructions enabled (`-Xcc -mavx2 -Xcc -mfma -Xcc -mf16c`)
/// and is only called after a run-time CPU check, so nothing here may run on an older CPU.
/// The intrinsics come from clang's own header module: Swift SIMD has no saturating u8×i8
/// multiply-add, and without vpmaddubsw the dot products cost four times the instructions.
///
/// Shapes as in Tensor's `QuantizedKernels`: y[r] = W[r] · x for `rows` rows `rowBytes` apart,
/// x quantized to bytes `xq` with scales `xd` and partial sums `xsums` (d·Σq per 32 elements as
/// Float for the legacy formats, Σq per 16 elements as Int16 for the K formats). Every loop is bound by streaming the weight bytes.
public enum AVX2Kernels {
    @inline(__always)
    static func load256(_ p: UnsafeRawPointer) -> __m256i { p.loadUnaligned(as: __m256i.self) }

    @inline(__always)
    static func load128(_ p: UnsafeRawPointer) -> __m128i { p.loadUnaligned(as: __m128i.self) }

    @inline(__always)
    static func half(_ p: UnsafeRawPointer) -> Float { Float(Float16(bitPattern: p.loadUnaligned(as: UInt16.self))) }

    @inline(__always)
    static func sum(_ v: __m256) -> Float { v.sum() }

    /// The 32 nibbles of 16 packed bytes as bytes: byte j's low nibble at j, its high nibble at
    /// j + 16 (both halves load the same bytes, the high half shifted right by 4 bits).
    @inline(__always)
    static func nibbles(_ p: UnsafeRawPointer) -> __m256i {
        let both = _mm256_broadcastsi128_si256(load128(p))
        return _mm256_and_si256(_mm256_srlv_epi32(both, _mm256_set_epi32(4, 4, 4, 4, 0, 0, 0, 0)), _mm256_set1_epi8(0x0F))
    }

    /// Q8_0 rows: |w| · (x signed like w) keeps vpmaddubsw's unsigned operand non-negative.
    /// Two blocks per step into two accumulators, so the FMA latency chain does not bound the loop.
    public static func q8_0(_ w: UnsafeRawPointer, _ rowBytes: Int, _ rows: Int, _ cols: Int,
                            _ xq: UnsafePointer<Int8>, _ xd: UnsafePointer<Float>, _ xsums: UnsafeRawPointer,
                            _ y: UnsafeMutablePointer<Float>) {
        let blocks = cols / 32
        let ones = _mm256_set1_epi16(1)
        @inline(__always) func block(_ p: UnsafeRawPointer, _ b: Int, _ acc: __m256) -> __m256 {
            let qw = load256(p + 2)
            let qx = load256(xq + 32 * b)
            let products = _mm256_maddubs_epi16(_mm256_sign_epi8(qw, qw), _mm256_sign_epi8(qx, qw))
            let sums = _mm256_cvtepi32_ps(_mm256_madd_epi16(products, ones))
            return _mm256_fmadd_ps(_mm256_set1_ps(half(p) * xd[b]), sums, acc)
        }
        for r in 0..<rows {
            let row = w + r * rowBytes
            var acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps()
            var b = 0
            while b + 1 < blocks {
                acc0 = block(row + 34 * b, b, acc0)
                acc1 = block(row + 34 * (b + 1), b + 1, acc1)
                b += 2
            }
            if b < blocks { acc0 = block(row + 34 * b, b, acc0) }
            y[r] = sum(_mm256_add_ps(acc0, acc1))
        }
    }

    /// Q4_0 rows: Σ (n − 8)·q computed as Σ n·q − 8·Σ q with the activation's block sums.
    public static func q4_0(_ w: UnsafeRawPointer, _ rowBytes: Int, _ rows: Int, _ cols: Int,
                            _ xq: UnsafePointer<Int8>, _ xd: UnsafePointer<Float>, _ xsums: UnsafeRawPointer,
                            _ y: UnsafeMutablePointer<Float>) {
        let blocks = cols / 32
        let ones = _mm256_set1_epi16(1)
        let scaledSums = xsums.assumingMemoryBound(to: Float.self)
        @inline(__always) func block(_ p: UnsafeRawPointer, _ b: Int, _ acc: inout __m256, _ offset: inout Float) {
            let products = _mm256_maddubs_epi16(nibbles(p + 2), load256(xq + 32 * b))
            let dw = half(p)
            acc = _mm256_fmadd_ps(_mm256_set1_ps(dw * xd[b]), _mm256_cvtepi32_ps(_mm256_madd_epi16(products, ones)), acc)
            offset += dw * scaledSums[b]
        }
        for r in 0..<rows {
            let row = w + r * rowBytes
            var acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps()
            var offset0: Float = 0, offset1: Float = 0
            var b = 0
            while b + 1 < blocks {
                block(row + 18 * b, b, &acc0, &offset0)
                block(row + 18 * (b + 1), b + 1, &acc1, &offset1)
                b += 2
            }
            if b < blocks { block(row + 18 * b, b, &acc0, &offset0) }
            y[r] = sum(_mm256_add_ps(acc0, acc1)) - 8 * (offset0 + offset1)
        }
    }

    /// Q5_0 rows: each weight's fifth bit is spread to a byte (shuffle, or, compare) and joins its nibble.
    public static func q5_0(_ w: UnsafeRawPointer, _ rowBytes: Int, _ rows: Int, _ cols: Int,
                            _ xq: UnsafePointer<Int8>, _ xd: UnsafePointer<Float>, _ xsums: UnsafeRawPointer,
                            _ y: UnsafeMutablePointer<Float>) {
        let blocks = cols / 32
        let ones = _mm256_set1_epi16(1)
        let scaledSums = xsums.assumingMemoryBound(to: Float.self)
        // Byte i of the result takes byte i/8 of the 32 bits, then tests bit i%8 of it.
        let spread = _mm256_set_epi64x(0x0303_0303_0303_0303, 0x0202_0202_0202_0202, 0x0101_0101_0101_0101, 0)
        let allBut = _mm256_set1_epi64x(0x7FBF_DFEF_F7FB_FDFE)
        let allSet = _mm256_set1_epi64x(-1)
        let fifth = _mm256_set1_epi8(0x10)
        @inline(__always) func block(_ p: UnsafeRawPointer, _ b: Int, _ acc: inout __m256, _ offset: inout Float) {
            let bits = (p + 2).loadUnaligned(as: Int32.self)
            var high = _mm256_shuffle_epi8(_mm256_set1_epi32(bits), spread)
            high = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_or_si256(high, allBut), allSet), fifth)
            let products = _mm256_maddubs_epi16(_mm256_or_si256(nibbles(p + 6), high), load256(xq + 32 * b))
            let dw = half(p)
            acc = _mm256_fmadd_ps(_mm256_set1_ps(dw * xd[b]), _mm256_cvtepi32_ps(_mm256_madd_epi16(products, ones)), acc)
            offset += dw * scaledSums[b]
        }
        for r in 0..<rows {
            let row = w + r * rowBytes
            var acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps()
            var offset0: Float = 0, offset1: Float = 0
            var b = 0
            while b + 1 < blocks {
                block(row + 22 * b, b, &acc0, &offset0)
                block(row + 22 * (b + 1), b + 1, &acc1, &offset1)
                b += 2
            }
            if b < blocks { block(row + 22 * b, b, &acc0, &offset0) }
            y[r] = sum(_mm256_add_ps(acc0, acc1)) - 16 * (offset0 + offset1)
        }
    }

    /// Q4_K's eight 6-bit scales (low 64 bits) and eight 6-bit minimums (high 64 bits) as bytes,
    /// unpacked from the 12-byte field with 32-bit masks instead of byte by byte.
    @inline(__always)
    static func scalesAndMins(_ p: UnsafeRawPointer) -> (UInt64, UInt64) {
        let u0 = p.loadUnaligned(as: UInt32.self), u1 = (p + 4).loadUnaligned(as: UInt32.self)
        let u2 = (p + 8).loadUnaligned(as: UInt32.self)
        // Sub-blocks 0-3 keep their low 6 bits in bytes 0-3 (scales) and 4-7 (mins); 4-7 take
        // their low 4 bits from bytes 8-11 and their top 2 bits from the spare bits of bytes 0-7.
        let scalesLow = u0 & 0x3F3F_3F3F
        let scalesHigh = (u2 & 0x0F0F_0F0F) | (((u0 >> 6) & 0x0303_0303) << 4)
        let minsLow = u1 & 0x3F3F_3F3F
        let minsHigh = ((u2 >> 4) & 0x0F0F_0F0F) | (((u1 >> 6) & 0x0303_0303) << 4)
        return (UInt64(scalesLow) | (UInt64(scalesHigh) << 32), UInt64(minsLow) | (UInt64(minsHigh) << 32))
    }

    /// A byte shuffle that copies int16 lane j of each 128-bit half to all eight lanes of that half.
    @inline(__always)
    static func lane(_ j: Int16) -> __m256i {
        _mm256_set1_epi16(2 * j | ((2 * j + 1) << 8))
    }

    /// A byte shuffle that puts int16 lane 2k in all of the low half and lane 2k + 1 in all of the high half.
    @inline(__always)
    static func lanePair(_ k: Int16) -> __m256i {
        let low: Int16 = 4 * k | ((4 * k + 1) << 8)
        let high: Int16 = (4 * k + 2) | ((4 * k + 3) << 8)
        return _mm256_set_m128i(_mm_set1_epi16(high), _mm_set1_epi16(low))
    }

    /// Q4_K rows: per 64 weights two vpmaddubsw, each product pair scaled by its sub-block's 6-bit
    /// scale in vpmaddwd; minimums meet the activation's 16-element sums in one more vpmaddwd.
    public static func q4_K(_ w: UnsafeRawPointer, _ rowBytes: Int, _ rows: Int, _ cols: Int,
                            _ xq: UnsafePointer<Int8>, _ xd: UnsafePointer<Float>, _ xsums: UnsafeRawPointer,
                            _ y: UnsafeMutablePointer<Float>) {
        let blocks = cols / 256
        let low4 = _mm256_set1_epi8(0x0F)
        let lane0 = lane(0), lane1 = lane(1), lane2 = lane(2), lane3 = lane(3)
        let lane4 = lane(4), lane5 = lane(5), lane6 = lane(6), lane7 = lane(7)
        for r in 0..<rows {
            let row = w + r * rowBytes
            var acc = _mm256_setzero_ps()
            var accMin = _mm_setzero_ps()
            for b in 0..<blocks {
                let block = row + 144 * b
                let (sc, mn) = scalesAndMins(block + 4)
                let scales128 = _mm_cvtepu8_epi16(_mm_cvtsi64_si128(Int64(bitPattern: sc)))
                let mins128 = _mm_cvtepu8_epi16(_mm_cvtsi64_si128(Int64(bitPattern: mn)))
                let scales = _mm256_set_m128i(scales128, scales128)
                let bs = xsums + 32 * b
                let subSums = _mm_hadd_epi16(load128(bs), load128(bs + 16))
                let dx = xd[b]
                accMin = _mm_fmadd_ps(_mm_set1_ps(half(block + 2) * dx), _mm_cvtepi32_ps(_mm_madd_epi16(mins128, subSums)), accMin)
                let qs = block + 16
                let x = UnsafeRawPointer(xq + 256 * b)
                // One 64-weight group: sub-block 2g in the low nibbles, 2g + 1 in the high ones.
                @inline(__always) func group(_ g: Int, _ s0: __m256i, _ s1: __m256i) -> __m256i {
                    let q = load256(qs + 32 * g)
                    let lo = _mm256_and_si256(q, low4)
                    let hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), low4)
                    let p0 = _mm256_madd_epi16(_mm256_maddubs_epi16(lo, load256(x + 64 * g)), _mm256_shuffle_epi8(scales, s0))
                    let p1 = _mm256_madd_epi16(_mm256_maddubs_epi16(hi, load256(x + 64 * g + 32)), _mm256_shuffle_epi8(scales, s1))
                    return _mm256_add_epi32(p0, p1)
                }
                let sumi0 = _mm256_add_epi32(group(0, lane0, lane1), group(1, lane2, lane3))
                let sumi1 = _mm256_add_epi32(group(2, lane4, lane5), group(3, lane6, lane7))
                acc = _mm256_fmadd_ps(_mm256_set1_ps(half(block) * dx), _mm256_cvtepi32_ps(_mm256_add_epi32(sumi0, sumi1)), acc)
            }
            y[r] = sum(acc) - accMin.sum()
        }
    }

    /// Q6_K rows: 6-bit values rebuilt from nibble and 2-bit planes, four vpmaddubsw per 128
    /// weights with per-16 int8 scales in vpmaddwd; the −32 offset meets the activation's sums.
    public static func q6_K(_ w: UnsafeRawPointer, _ rowBytes: Int, _ rows: Int, _ cols: Int,
                            _ xq: UnsafePointer<Int8>, _ xd: UnsafePointer<Float>, _ xsums: UnsafeRawPointer,
                            _ y: UnsafeMutablePointer<Float>) {
        let blocks = cols / 256
        let low4 = _mm256_set1_epi8(0x0F)
        let two = _mm256_set1_epi8(0x03)
        let bits45 = _mm256_set1_epi8(0x30)
        // Byte shuffles putting int16 lane 2k in the low half and lane 2k+1 in the high half.
        let pair0 = lanePair(0), pair1 = lanePair(1), pair2 = lanePair(2), pair3 = lanePair(3)
        for r in 0..<rows {
            let row = w + r * rowBytes
            var acc = _mm256_setzero_ps()
            for b in 0..<blocks {
                let block = row + 210 * b
                let sc = (block + 192).assumingMemoryBound(to: Int8.self)
                let x = UnsafeRawPointer(xq + 256 * b)
                // Σ_s sc[s]·Σ16 q, for the offset, in one vpmaddwd.
                let scales16 = _mm256_cvtepi8_epi16(load128(sc))
                var sumi = _mm256_sub_epi32(_mm256_setzero_si256(),
                                            _mm256_slli_epi32(_mm256_madd_epi16(scales16, load256(xsums + 32 * b)), 5))
                for h in 0..<2 {
                    let ql0 = load256(block + 64 * h), ql1 = load256(block + 64 * h + 32)
                    let qh = load256(block + 128 + 32 * h)
                    let q1 = _mm256_or_si256(_mm256_and_si256(ql0, low4), _mm256_slli_epi16(_mm256_and_si256(qh, two), 4))
                    let q2 = _mm256_or_si256(_mm256_and_si256(ql1, low4), _mm256_and_si256(_mm256_slli_epi16(qh, 2), bits45))
                    let q3 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(ql0, 4), low4), _mm256_and_si256(qh, bits45))
                    let q4 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(ql1, 4), low4),
                                             _mm256_and_si256(_mm256_srli_epi16(qh, 2), bits45))
                    let xh = x + 128 * h
                    let half8 = _mm_cvtepi8_epi16(_mm_cvtsi64_si128((UnsafeRawPointer(sc) + 8 * h).loadUnaligned(as: Int64.self)))
                    let sc16 = _mm256_set_m128i(half8, half8)
                    let p1 = _mm256_madd_epi16(_mm256_maddubs_epi16(q1, load256(xh)), _mm256_shuffle_epi8(sc16, pair0))
                    let p2 = _mm256_madd_epi16(_mm256_maddubs_epi16(q2, load256(xh + 32)), _mm256_shuffle_epi8(sc16, pair1))
                    let p3 = _mm256_madd_epi16(_mm256_maddubs_epi16(q3, load256(xh + 64)), _mm256_shuffle_epi8(sc16, pair2))
                    let p4 = _mm256_madd_epi16(_mm256_maddubs_epi16(q4, load256(xh + 96)), _mm256_shuffle_epi8(sc16, pair3))
                    sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(_mm256_add_epi32(p1, p2), _mm256_add_epi32(p3, p4)))
                }
                acc = _mm256_fmadd_ps(_mm256_set1_ps(half(block + 208) * xd[b]), _mm256_cvtepi32_ps(sumi), acc)
            }
            y[r] = sum(acc)
        }
    }
}
#endif
