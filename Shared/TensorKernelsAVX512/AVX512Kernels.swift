#if arch(x86_64)
import _Builtin_intrinsics.intel

/// Quantized row-dot kernels for Q4_0 and Q5_0 on x86-64 with AVX-512 VL, BW and VNNI (on 256-bit
/// vectors): vpdpbusd does the u8×i8 multiply-add-accumulate in one instruction, and a Q5_0
/// block's 32 fifth bits become a mask register that adds 16 to exactly those bytes. (For Q8_0
/// the AVX2 kernel measured faster here: 43 against 25 GB/s on one core, so it stays on AVX2.)
///
/// Compiled with `-Xcc -mavx512f -Xcc -mavx512bw -Xcc -mavx512vl -Xcc -mavx512vnni` (plus AVX2,
/// FMA, F16C) and only called after a run-time CPU check. The intrinsics come from clang's header
/// module, since Swift SIMD has no way to ask for vpdpbusd or mask registers (the unmasked
/// `_mm256_dpbusd_epi32` is a C macro Swift cannot import, so the all-lanes masked form is used;
/// LLVM emits a plain vpdpbusd for it). Shapes as in Tensor's
/// `QuantizedKernels`; `xsums` is d·Σq per 32 elements as Float. Bound by streaming the weights.
public enum AVX512Kernels {
    @inline(__always)
    static func load256(_ p: UnsafeRawPointer) -> __m256i { p.loadUnaligned(as: __m256i.self) }

    @inline(__always)
    static func half(_ p: UnsafeRawPointer) -> Float { Float(Float16(bitPattern: p.loadUnaligned(as: UInt16.self))) }

    /// The 32 nibbles of 16 packed bytes as bytes: byte j's low nibble at j, its high nibble at j + 16.
    @inline(__always)
    static func nibbles(_ p: UnsafeRawPointer) -> __m256i {
        let both = _mm256_broadcastsi128_si256(p.loadUnaligned(as: __m128i.self))
        return _mm256_and_si256(_mm256_srlv_epi32(both, _mm256_set_epi32(4, 4, 4, 4, 0, 0, 0, 0)), _mm256_set1_epi8(0x0F))
    }

    /// Q4_0 rows: Σ (n − 8)·q computed as Σ n·q − 8·Σ q with the activation's block sums.
    public static func q4_0(_ w: UnsafeRawPointer, _ rowBytes: Int, _ rows: Int, _ cols: Int,
                            _ xq: UnsafePointer<Int8>, _ xd: UnsafePointer<Float>, _ xsums: UnsafeRawPointer,
                            _ y: UnsafeMutablePointer<Float>) {
        let blocks = cols / 32
        let zero = _mm256_setzero_si256()
        let scaledSums = xsums.assumingMemoryBound(to: Float.self)
        @inline(__always) func block(_ p: UnsafeRawPointer, _ b: Int, _ acc: inout __m256, _ offset: inout Float) {
            let sums = _mm256_mask_dpbusd_epi32(zero, 0xFF, nibbles(p + 2), load256(xq + 32 * b))
            let dw = half(p)
            acc = _mm256_fmadd_ps(_mm256_set1_ps(dw * xd[b]), _mm256_cvtepi32_ps(sums), acc)
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
            y[r] = _mm256_add_ps(acc0, acc1).sum() - 8 * (offset0 + offset1)
        }
    }

    /// Q5_0 rows: the 32 fifth bits are a byte mask; a masked add puts 16 on those nibbles.
    public static func q5_0(_ w: UnsafeRawPointer, _ rowBytes: Int, _ rows: Int, _ cols: Int,
                            _ xq: UnsafePointer<Int8>, _ xd: UnsafePointer<Float>, _ xsums: UnsafeRawPointer,
                            _ y: UnsafeMutablePointer<Float>) {
        let blocks = cols / 32
        let zero = _mm256_setzero_si256()
        let sixteen = _mm256_set1_epi8(16)
        let scaledSums = xsums.assumingMemoryBound(to: Float.self)
        @inline(__always) func block(_ p: UnsafeRawPointer, _ b: Int, _ acc: inout __m256, _ offset: inout Float) {
            let fifth = UInt32(littleEndian: (p + 2).loadUnaligned(as: UInt32.self))
            let n = nibbles(p + 6)
            let values = _mm256_mask_add_epi8(n, fifth, n, sixteen)
            let sums = _mm256_mask_dpbusd_epi32(zero, 0xFF, values, load256(xq + 32 * b))
            let dw = half(p)
            acc = _mm256_fmadd_ps(_mm256_set1_ps(dw * xd[b]), _mm256_cvtepi32_ps(sums), acc)
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
            y[r] = _mm256_add_ps(acc0, acc1).sum() - 16 * (offset0 + offset1)
        }
    }
}
#endif

#if arch(x86_64)
import _Builtin_intrinsics.intel

/// Batched kernels: one weight row decoded once per pair of blocks and met by four inputs at a time,
/// on 512-bit vectors (a prefill's matmuls are bound by the integer dot products, not by memory).
///
/// Each input is made unsigned by flipping its sign bit (x + 128), so the weights can be the
/// signed operand of vpdpbusd; the extra 128·Σw is removed by starting each lane's sum at −128·Σw,
/// computed once per weight pair. Every input comes with its block scales widened to eight lanes
/// each (`xWide`), so the two blocks of a pair are scaled with one multiply.
/// Shapes: `rows` weight rows `rowBytes` apart, `cols` elements (an even number of 32-element
/// blocks); input a (of `inputs`, 1 to 4) has values at xq + a·cols and wide scales at
/// xWide + a·(cols / 4); y[a·yStride + r] receives row r against input a. (`xsums` is unused:
/// the sign flip needs no activation sums.)
extension AVX512Kernels {
    /// [d0 × 8, d1 × 8] as one vector.
    @inline(__always)
    static func pairScale(_ d0: Float, _ d1: Float) -> __m512 {
        _mm512_mask_blend_ps(0xFF00, _mm512_set1_ps(d0), _mm512_set1_ps(d1))
    }

    @inline(__always)
    static func join(_ lo: __m256i, _ hi: __m256i) -> __m512i {
        // The upper half comes from broadcasting `hi` (the insert intrinsic is a C macro Swift cannot import).
        _mm512_mask_broadcast_i64x4(_mm512_castsi256_si512(lo), 0xF0, hi)
    }

    @inline(__always)
    static func total(_ v: __m512) -> Float {
        _mm512_reduce_add_ps(v)
    }

    /// The shared loop: `decode(row, pair)` gives a weight pair's 64 signed bytes and its scales.
    @inline(__always)
    static func batched(_ w: UnsafeRawPointer, _ rowBytes: Int, _ rows: Int, _ cols: Int,
                        _ xq: UnsafePointer<Int8>, _ xWide: UnsafePointer<Float>, _ inputs: Int,
                        _ y: UnsafeMutablePointer<Float>, _ yStride: Int,
                        _ decode: (UnsafeRawPointer, Int) -> (__m512i, __m512)) {
        let pairs = cols / 64
        let flip = _mm512_set1_epi8(-128)
        let zero = _mm512_setzero_si512()
        // Inputs past the last one repeat it; their sums are computed and dropped.
        let x0 = UnsafeRawPointer(xq), x1 = UnsafeRawPointer(xq + min(1, inputs - 1) * cols)
        let x2 = UnsafeRawPointer(xq + min(2, inputs - 1) * cols), x3 = UnsafeRawPointer(xq + min(3, inputs - 1) * cols)
        let wideStride = cols / 4
        let s0 = UnsafeRawPointer(xWide), s1 = UnsafeRawPointer(xWide + min(1, inputs - 1) * wideStride)
        let s2 = UnsafeRawPointer(xWide + min(2, inputs - 1) * wideStride)
        let s3 = UnsafeRawPointer(xWide + min(3, inputs - 1) * wideStride)
        for r in 0..<rows {
            let row = w + r * rowBytes
            var acc0 = _mm512_setzero_ps(), acc1 = _mm512_setzero_ps(), acc2 = _mm512_setzero_ps(), acc3 = _mm512_setzero_ps()
            for p in 0..<pairs {
                let (weights, scale) = decode(row, p)
                let correction = _mm512_sub_epi32(zero, _mm512_mask_dpbusd_epi32(zero, 0xFFFF, flip, weights))
                @inline(__always) func step(_ x: UnsafeRawPointer, _ s: UnsafeRawPointer, _ acc: __m512) -> __m512 {
                    let xu = _mm512_xor_si512(x.loadUnaligned(fromByteOffset: 64 * p, as: __m512i.self), flip)
                    let sums = _mm512_cvtepi32_ps(_mm512_mask_dpbusd_epi32(correction, 0xFFFF, xu, weights))
                    return _mm512_fmadd_ps(sums, _mm512_mul_ps(scale, s.loadUnaligned(fromByteOffset: 64 * p, as: __m512.self)), acc)
                }
                acc0 = step(x0, s0, acc0)
                acc1 = step(x1, s1, acc1)
                acc2 = step(x2, s2, acc2)
                acc3 = step(x3, s3, acc3)
            }
            y[r] = total(acc0)
            if inputs > 1 { y[yStride + r] = total(acc1) }
            if inputs > 2 { y[2 * yStride + r] = total(acc2) }
            if inputs > 3 { y[3 * yStride + r] = total(acc3) }
        }
    }

    /// Q8_0 rows against up to four inputs.
    public static func q8_0Batched(_ w: UnsafeRawPointer, _ rowBytes: Int, _ rows: Int, _ cols: Int,
                                   _ xq: UnsafePointer<Int8>, _ xWide: UnsafePointer<Float>, _ xsums: UnsafeRawPointer,
                                   _ inputs: Int,
                                   _ y: UnsafeMutablePointer<Float>, _ yStride: Int) {
        batched(w, rowBytes, rows, cols, xq, xWide, inputs, y, yStride) { row, p in
            let b = row + 68 * p
            let values = join(b.loadUnaligned(fromByteOffset: 2, as: __m256i.self), b.loadUnaligned(fromByteOffset: 36, as: __m256i.self))
            return (values, pairScale(half(b), half(b + 34)))
        }
    }

    /// Q5_0 rows against up to four inputs: nibble − 16, plus 16 where the fifth bit is set.
    public static func q5_0Batched(_ w: UnsafeRawPointer, _ rowBytes: Int, _ rows: Int, _ cols: Int,
                                   _ xq: UnsafePointer<Int8>, _ xWide: UnsafePointer<Float>, _ xsums: UnsafeRawPointer,
                                   _ inputs: Int,
                                   _ y: UnsafeMutablePointer<Float>, _ yStride: Int) {
        let sixteen = _mm512_set1_epi8(16)
        batched(w, rowBytes, rows, cols, xq, xWide, inputs, y, yStride) { row, p in
            let b = row + 44 * p
            let n = _mm512_sub_epi8(join(nibbles(b + 6), nibbles(b + 28)), sixteen)
            let fifth = UInt64(UInt32(littleEndian: (b + 2).loadUnaligned(as: UInt32.self)))
                | UInt64(UInt32(littleEndian: (b + 24).loadUnaligned(as: UInt32.self))) << 32
            return (_mm512_mask_add_epi8(n, fifth, n, sixteen), pairScale(half(b), half(b + 22)))
        }
    }

    /// Q4_0 rows against up to four inputs: nibble − 8.
    public static func q4_0Batched(_ w: UnsafeRawPointer, _ rowBytes: Int, _ rows: Int, _ cols: Int,
                                   _ xq: UnsafePointer<Int8>, _ xWide: UnsafePointer<Float>, _ xsums: UnsafeRawPointer,
                                   _ inputs: Int,
                                   _ y: UnsafeMutablePointer<Float>, _ yStride: Int) {
        let eight = _mm512_set1_epi8(8)
        batched(w, rowBytes, rows, cols, xq, xWide, inputs, y, yStride) { row, p in
            let b = row + 36 * p
            return (_mm512_sub_epi8(join(nibbles(b + 2), nibbles(b + 20)), eight), pairScale(half(b), half(b + 18)))
        }
    }
}
#endif

#if arch(x86_64)
import _Builtin_intrinsics.intel

/// Batched K-quant kernels: a super-block's 6-bit (Q4_K) or 8-bit (Q6_K) sub-block scales are
/// unpacked once and meet four inputs; each 64 weights take one vpmaddubsw and one vpmaddwd per
/// input, the scale riding in the vpmaddwd. Inputs are quantized per 256 elements (`xd` one scale
/// per super-block, `xsums` Σq per 16 elements as Int16, `cols / 16` per input).
extension AVX512Kernels {
    @inline(__always)
    static func hsum(_ v: __m128) -> Float { v.sum() }

    /// Q4_K's eight 6-bit scales (low 64 bits) and eight 6-bit minimums (high 64 bits) as bytes.
    /// The same unpacking as the AVX2 target's; repeated here because this target cannot import that one.
    @inline(__always)
    static func scalesAndMins(_ p: UnsafeRawPointer) -> (UInt64, UInt64) {
        let u0 = p.loadUnaligned(as: UInt32.self), u1 = (p + 4).loadUnaligned(as: UInt32.self)
        let u2 = (p + 8).loadUnaligned(as: UInt32.self)
        let scalesLow = u0 & 0x3F3F_3F3F
        let scalesHigh = (u2 & 0x0F0F_0F0F) | (((u0 >> 6) & 0x0303_0303) << 4)
        let minsLow = u1 & 0x3F3F_3F3F
        let minsHigh = ((u2 >> 4) & 0x0F0F_0F0F) | (((u1 >> 6) & 0x0303_0303) << 4)
        return (UInt64(scalesLow) | (UInt64(scalesHigh) << 32), UInt64(minsLow) | (UInt64(minsHigh) << 32))
    }

    /// Q4_K rows against up to four inputs: Σ_j d·sc_j·Σ n·q − dmin·Σ_j m_j·Σ q per super-block.
    public static func q4_KBatched(_ w: UnsafeRawPointer, _ rowBytes: Int, _ rows: Int, _ cols: Int,
                                   _ xq: UnsafePointer<Int8>, _ xd: UnsafePointer<Float>, _ xsums: UnsafeRawPointer,
                                   _ inputs: Int, _ y: UnsafeMutablePointer<Float>, _ yStride: Int) {
        let blocks = cols / 256
        let low4 = _mm256_set1_epi8(0x0F)
        let sumStride = cols / 16 * 2
        let last = inputs - 1
        let xs = (UnsafeRawPointer(xq), UnsafeRawPointer(xq + min(1, last) * cols),
                  UnsafeRawPointer(xq + min(2, last) * cols), UnsafeRawPointer(xq + min(3, last) * cols))
        let ds = (xd, xd + min(1, last) * blocks, xd + min(2, last) * blocks, xd + min(3, last) * blocks)
        let ss = (xsums, xsums + min(1, last) * sumStride, xsums + min(2, last) * sumStride, xsums + min(3, last) * sumStride)
        for r in 0..<rows {
            let row = w + r * rowBytes
            var acc0 = _mm512_setzero_ps(), acc1 = _mm512_setzero_ps(), acc2 = _mm512_setzero_ps(), acc3 = _mm512_setzero_ps()
            var min0 = _mm_setzero_ps(), min1 = _mm_setzero_ps(), min2 = _mm_setzero_ps(), min3 = _mm_setzero_ps()
            for b in 0..<blocks {
                let block = row + 144 * b
                let (sc, mn) = scalesAndMins(block + 4)
                let mins = _mm_cvtepu8_epi16(_mm_cvtsi64_si128(Int64(bitPattern: mn)))
                let d = half(block), dmin = half(block + 2)
                var s0 = _mm512_setzero_si512(), s1 = _mm512_setzero_si512(), s2 = _mm512_setzero_si512(), s3 = _mm512_setzero_si512()
                for g in 0..<4 {
                    let q = (block + 16 + 32 * g).loadUnaligned(as: __m256i.self)
                    let weights = join(_mm256_and_si256(q, low4), _mm256_and_si256(_mm256_srli_epi16(q, 4), low4))
                    let scale = _mm512_mask_blend_epi16(0xFFFF_0000, _mm512_set1_epi16(Int16(truncatingIfNeeded: (sc >> (16 * UInt64(g))) & 0xFF)),
                                                        _mm512_set1_epi16(Int16(truncatingIfNeeded: (sc >> (16 * UInt64(g) + 8)) & 0xFF)))
                    let offset = 256 * b + 64 * g
                    @inline(__always) func dot(_ x: UnsafeRawPointer) -> __m512i {
                        _mm512_madd_epi16(_mm512_maddubs_epi16(weights, x.loadUnaligned(fromByteOffset: offset, as: __m512i.self)), scale)
                    }
                    s0 = _mm512_add_epi32(s0, dot(xs.0))
                    s1 = _mm512_add_epi32(s1, dot(xs.1))
                    s2 = _mm512_add_epi32(s2, dot(xs.2))
                    s3 = _mm512_add_epi32(s3, dot(xs.3))
                }
                @inline(__always) func finish(_ s: __m512i, _ dx: UnsafePointer<Float>, _ sums: UnsafeRawPointer,
                                              _ acc: inout __m512, _ accMin: inout __m128) {
                    let x = dx[b]
                    acc = _mm512_fmadd_ps(_mm512_cvtepi32_ps(s), _mm512_set1_ps(d * x), acc)
                    let bs = sums + 32 * b
                    let sub = _mm_hadd_epi16(bs.loadUnaligned(as: __m128i.self), bs.loadUnaligned(fromByteOffset: 16, as: __m128i.self))
                    accMin = _mm_fmadd_ps(_mm_set1_ps(dmin * x), _mm_cvtepi32_ps(_mm_madd_epi16(mins, sub)), accMin)
                }
                finish(s0, ds.0, ss.0, &acc0, &min0)
                finish(s1, ds.1, ss.1, &acc1, &min1)
                finish(s2, ds.2, ss.2, &acc2, &min2)
                finish(s3, ds.3, ss.3, &acc3, &min3)
            }
            y[r] = total(acc0) - hsum(min0)
            if inputs > 1 { y[yStride + r] = total(acc1) - hsum(min1) }
            if inputs > 2 { y[2 * yStride + r] = total(acc2) - hsum(min2) }
            if inputs > 3 { y[3 * yStride + r] = total(acc3) - hsum(min3) }
        }
    }

    /// Q6_K rows against up to four inputs: Σ_s d·sc_s·(Σ n·q − 32·Σ q) per 16 weights.
    public static func q6_KBatched(_ w: UnsafeRawPointer, _ rowBytes: Int, _ rows: Int, _ cols: Int,
                                   _ xq: UnsafePointer<Int8>, _ xd: UnsafePointer<Float>, _ xsums: UnsafeRawPointer,
                                   _ inputs: Int, _ y: UnsafeMutablePointer<Float>, _ yStride: Int) {
        let blocks = cols / 256
        let low4 = _mm256_set1_epi8(0x0F), two = _mm256_set1_epi8(0x03), bits45 = _mm256_set1_epi8(0x30)
        // vpermw indices spreading four int16 scales (lanes 0-3, or 4-7) over eight lanes each.
        var lowIndex = SIMD32<Int16>(), highIndex = SIMD32<Int16>()
        for i in 0..<32 { lowIndex[i] = Int16(i / 8); highIndex[i] = Int16(4 + i / 8) }
        let spreadLow = unsafeBitCast(lowIndex, to: __m512i.self), spreadHigh = unsafeBitCast(highIndex, to: __m512i.self)
        let sumStride = cols / 16 * 2
        let last = inputs - 1
        let xs = (UnsafeRawPointer(xq), UnsafeRawPointer(xq + min(1, last) * cols),
                  UnsafeRawPointer(xq + min(2, last) * cols), UnsafeRawPointer(xq + min(3, last) * cols))
        let ds = (xd, xd + min(1, last) * blocks, xd + min(2, last) * blocks, xd + min(3, last) * blocks)
        let ss = (xsums, xsums + min(1, last) * sumStride, xsums + min(2, last) * sumStride, xsums + min(3, last) * sumStride)
        for r in 0..<rows {
            let row = w + r * rowBytes
            var acc0 = _mm512_setzero_ps(), acc1 = _mm512_setzero_ps(), acc2 = _mm512_setzero_ps(), acc3 = _mm512_setzero_ps()
            for b in 0..<blocks {
                let block = row + 210 * b
                let sc = block + 192
                let scales16 = _mm256_cvtepi8_epi16(sc.loadUnaligned(as: __m128i.self))
                var s0 = _mm512_setzero_si512(), s1 = _mm512_setzero_si512(), s2 = _mm512_setzero_si512(), s3 = _mm512_setzero_si512()
                for h in 0..<2 {
                    let ql0 = (block + 64 * h).loadUnaligned(as: __m256i.self)
                    let ql1 = (block + 64 * h + 32).loadUnaligned(as: __m256i.self)
                    let qh = (block + 128 + 32 * h).loadUnaligned(as: __m256i.self)
                    let q1 = _mm256_or_si256(_mm256_and_si256(ql0, low4), _mm256_slli_epi16(_mm256_and_si256(qh, two), 4))
                    let q2 = _mm256_or_si256(_mm256_and_si256(ql1, low4), _mm256_and_si256(_mm256_slli_epi16(qh, 2), bits45))
                    let q3 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(ql0, 4), low4), _mm256_and_si256(qh, bits45))
                    let q4 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(ql1, 4), low4),
                                             _mm256_and_si256(_mm256_srli_epi16(qh, 2), bits45))
                    let wa = join(q1, q2), wb = join(q3, q4)
                    let eight = _mm512_castsi128_si512(_mm_cvtepi8_epi16(_mm_cvtsi64_si128((sc + 8 * h).loadUnaligned(as: Int64.self))))
                    let sa = _mm512_permutexvar_epi16(spreadLow, eight), sb = _mm512_permutexvar_epi16(spreadHigh, eight)
                    let offset = 256 * b + 128 * h
                    @inline(__always) func dot(_ x: UnsafeRawPointer) -> __m512i {
                        _mm512_add_epi32(
                            _mm512_madd_epi16(_mm512_maddubs_epi16(wa, x.loadUnaligned(fromByteOffset: offset, as: __m512i.self)), sa),
                            _mm512_madd_epi16(_mm512_maddubs_epi16(wb, x.loadUnaligned(fromByteOffset: offset + 64, as: __m512i.self)), sb))
                    }
                    s0 = _mm512_add_epi32(s0, dot(xs.0))
                    s1 = _mm512_add_epi32(s1, dot(xs.1))
                    s2 = _mm512_add_epi32(s2, dot(xs.2))
                    s3 = _mm512_add_epi32(s3, dot(xs.3))
                }
                let d = half(block + 208)
                @inline(__always) func finish(_ s: __m512i, _ dx: UnsafePointer<Float>, _ sums: UnsafeRawPointer, _ acc: inout __m512) {
                    // The −32 offset: Σ_s sc_s·Σ16 q in the low eight lanes, the high eight zero.
                    let offset = _mm256_slli_epi32(_mm256_madd_epi16(scales16, (sums + 32 * b).loadUnaligned(as: __m256i.self)), 5)
                    let corrected = _mm512_sub_epi32(s, _mm512_maskz_broadcast_i64x4(0x0F, offset))
                    acc = _mm512_fmadd_ps(_mm512_cvtepi32_ps(corrected), _mm512_set1_ps(d * dx[b]), acc)
                }
                finish(s0, ds.0, ss.0, &acc0)
                finish(s1, ds.1, ss.1, &acc1)
                finish(s2, ds.2, ss.2, &acc2)
                finish(s3, ds.3, ss.3, &acc3)
            }
            y[r] = total(acc0)
            if inputs > 1 { y[yStride + r] = total(acc1) }
            if inputs > 2 { y[2 * yStride + r] = total(acc2) }
            if inputs > 3 { y[3 * yStride + r] = total(acc3) }
        }
    }
}
#endif
