/// The quantized row-dot kernels in portable Swift SIMD: the path for any x86-64 without AVX2
/// and for arm64, built from 16-bit multiplies, adds and shifts that SSE2 and NEON both have.
///
/// Each kernel computes y[r] = Σ_c W[r, c] · x[c] for `rows` consecutive rows, with x already
/// quantized (`QuantizedActivation`); integer products are summed per block and scaled once.
/// `xsums` holds d·Σq per block as Float for the 32-element formats and Σq per 16 elements as
/// Int16 for the K formats.
enum GenericKernels {
    // The standard library's widening conversions between SIMD types go lane by lane, so bytes
    // are widened by reinterpreting them as 16-bit lanes and splitting even and odd bytes with
    // shifts; products of pairs then add up in 16 bits and widen to 32 bits the same way.

    /// Sums of adjacent 16-bit lanes as four 32-bit lanes.
    @inline(__always)
    static func pairSums(_ v: SIMD8<Int16>) -> SIMD4<Int32> {
        let w = unsafeBitCast(v, to: SIMD4<Int32>.self)
        return ((w &<< 16) &>> 16) &+ (w &>> 16)
    }

    /// Σ u·s over 16 lanes of unsigned bytes below 128 and signed bytes, as four partial sums.
    @inline(__always)
    static func dot(_ u: SIMD16<UInt8>, _ s: SIMD16<Int8>) -> SIMD4<Int32> {
        let uw = unsafeBitCast(u, to: SIMD8<Int16>.self)
        let sw = unsafeBitCast(s, to: SIMD8<Int16>.self)
        let even = (uw & 0x00FF) &* ((sw &<< 8) &>> 8)
        let odd = (uw &>> 8) &* (sw &>> 8)
        return pairSums(even &+ odd)
    }

    /// Σ a·s over 16 lanes of signed bytes, as four partial sums.
    @inline(__always)
    static func dot(_ a: SIMD16<Int8>, _ s: SIMD16<Int8>) -> SIMD4<Int32> {
        let aw = unsafeBitCast(a, to: SIMD8<Int16>.self)
        let sw = unsafeBitCast(s, to: SIMD8<Int16>.self)
        // Each product pair is at most 2·128·127, which still fits in 16 bits.
        let even = ((aw &<< 8) &>> 8) &* ((sw &<< 8) &>> 8)
        let odd = (aw &>> 8) &* (sw &>> 8)
        return pairSums(even &+ odd)
    }

    @inline(__always)
    static func bytes(_ p: UnsafeRawPointer) -> SIMD16<UInt8> { p.loadUnaligned(as: SIMD16<UInt8>.self) }

    @inline(__always)
    static func signed(_ p: UnsafeRawPointer) -> SIMD16<Int8> { p.loadUnaligned(as: SIMD16<Int8>.self) }

    @inline(__always)
    static func half(_ p: UnsafeRawPointer) -> Float {
        HalfFloat.toFloat(p.loadUnaligned(as: UInt16.self))
    }

    /// For each byte value, eight bytes holding 0x10 where the value has a bit set: Q5_0's
    /// fifth bits spread to byte lanes by table instead of by per-lane shifts.
    static let fifthBits: [UInt64] = (0..<256).map { (v: Int) -> UInt64 in
        var spread: UInt64 = 0
        for bit in 0..<8 where (v >> bit) & 1 == 1 { spread |= UInt64(0x10) << UInt64(8 * bit) }
        return spread
    }

    /// Q8_0 rows against a 32-grouped activation.
    static func q8_0(_ w: UnsafeRawPointer, rowBytes: Int, rows: Int, cols: Int,
                     xq: UnsafePointer<Int8>, xd: UnsafePointer<Float>, xsums: UnsafeRawPointer,
                     y: UnsafeMutablePointer<Float>) {
        let blocks = cols / 32
        for r in 0..<rows {
            let row = w + r * rowBytes
            var total: Float = 0
            for b in 0..<blocks {
                let block = row + 34 * b
                let x = UnsafeRawPointer(xq + 32 * b)
                let s = dot(signed(block + 2), signed(x)) &+ dot(signed(block + 18), signed(x + 16))
                total += half(block) * xd[b] * Float(s.wrappedSum())
            }
            y[r] = total
        }
    }

    /// Q4_0 rows against a 32-grouped activation: Σ (n - 8)·q = Σ n·q - 8·Σ q.
    static func q4_0(_ w: UnsafeRawPointer, rowBytes: Int, rows: Int, cols: Int,
                     xq: UnsafePointer<Int8>, xd: UnsafePointer<Float>, xsums: UnsafeRawPointer,
                     y: UnsafeMutablePointer<Float>) {
        let blocks = cols / 32
        let scaledSums = xsums.assumingMemoryBound(to: Float.self)
        for r in 0..<rows {
            let row = w + r * rowBytes
            var total: Float = 0
            for b in 0..<blocks {
                let block = row + 18 * b
                let packed = bytes(block + 2)
                let x = UnsafeRawPointer(xq + 32 * b)
                let s = dot(packed & 0x0F, signed(x)) &+ dot(packed &>> 4, signed(x + 16))
                let dw = half(block)
                total += dw * (xd[b] * Float(s.wrappedSum()) - 8 * scaledSums[b])
            }
            y[r] = total
        }
    }

    /// Q5_0 rows against a 32-grouped activation: the fifth bit joins each nibble, offset 16.
    static func q5_0(_ w: UnsafeRawPointer, rowBytes: Int, rows: Int, cols: Int,
                     xq: UnsafePointer<Int8>, xd: UnsafePointer<Float>, xsums: UnsafeRawPointer,
                     y: UnsafeMutablePointer<Float>) {
        let blocks = cols / 32
        let table = fifthBits
        let scaledSums = xsums.assumingMemoryBound(to: Float.self)
        for r in 0..<rows {
            let row = w + r * rowBytes
            var total: Float = 0
            for b in 0..<blocks {
                let block = row + 22 * b
                let qh = block + 2
                let h0 = unsafeBitCast(SIMD2<UInt64>(table[Int(qh.load(as: UInt8.self))], table[Int(qh.load(fromByteOffset: 1, as: UInt8.self))]),
                                       to: SIMD16<UInt8>.self)
                let h1 = unsafeBitCast(SIMD2<UInt64>(table[Int(qh.load(fromByteOffset: 2, as: UInt8.self))], table[Int(qh.load(fromByteOffset: 3, as: UInt8.self))]),
                                       to: SIMD16<UInt8>.self)
                let packed = bytes(block + 6)
                let x = UnsafeRawPointer(xq + 32 * b)
                let s = dot((packed & 0x0F) | h0, signed(x)) &+ dot((packed &>> 4) | h1, signed(x + 16))
                let dw = half(block)
                total += dw * (xd[b] * Float(s.wrappedSum()) - 16 * scaledSums[b])
            }
            y[r] = total
        }
    }

    /// Q4_K rows against a 256-grouped activation: Σ_j d·sc_j·Σ n·q − dmin·Σ_j m_j·Σ q.
    static func q4_K(_ w: UnsafeRawPointer, rowBytes: Int, rows: Int, cols: Int,
                     xq: UnsafePointer<Int8>, xd: UnsafePointer<Float>, xsums: UnsafeRawPointer,
                     y: UnsafeMutablePointer<Float>) {
        let blocks = cols / 256
        for r in 0..<rows {
            let row = w + r * rowBytes
            var total: Float = 0
            for b in 0..<blocks {
                let block = row + 144 * b
                let scales = (block + 4).assumingMemoryBound(to: UInt8.self)
                let qs = block + 16
                let x = xq + 256 * b
                let bs = xsums.assumingMemoryBound(to: Int16.self) + 16 * b
                var sumScaled: Int32 = 0, sumMins: Int32 = 0
                for g in 0..<4 {
                    let (sc0, m0) = BlockQ4_K.scaleAndMin(2 * g, scales)
                    let (sc1, m1) = BlockQ4_K.scaleAndMin(2 * g + 1, scales)
                    let lo = bytes(qs + 32 * g)
                    let hi = bytes(qs + 32 * g + 16)
                    let xg = UnsafeRawPointer(x + 64 * g)
                    let s0 = dot(lo & 0x0F, signed(xg)) &+ dot(hi & 0x0F, signed(xg + 16))
                    let s1 = dot(lo &>> 4, signed(xg + 32)) &+ dot(hi &>> 4, signed(xg + 48))
                    sumScaled &+= Int32(sc0) &* s0.wrappedSum() &+ Int32(sc1) &* s1.wrappedSum()
                    sumMins &+= Int32(m0) &* (Int32(bs[4 * g]) &+ Int32(bs[4 * g + 1]))
                        &+ Int32(m1) &* (Int32(bs[4 * g + 2]) &+ Int32(bs[4 * g + 3]))
                }
                total += xd[b] * (half(block) * Float(sumScaled) - half(block + 2) * Float(sumMins))
            }
            y[r] = total
        }
    }

    /// Q6_K rows against a 256-grouped activation: Σ_j d·sc_j·(Σ n·q − 32·Σ q) per 16 weights.
    static func q6_K(_ w: UnsafeRawPointer, rowBytes: Int, rows: Int, cols: Int,
                     xq: UnsafePointer<Int8>, xd: UnsafePointer<Float>, xsums: UnsafeRawPointer,
                     y: UnsafeMutablePointer<Float>) {
        let blocks = cols / 256
        for r in 0..<rows {
            let row = w + r * rowBytes
            var total: Float = 0
            for b in 0..<blocks {
                let block = row + 210 * b
                let sc = (block + 192).assumingMemoryBound(to: Int8.self)
                let x = xq + 256 * b
                let bs = xsums.assumingMemoryBound(to: Int16.self) + 16 * b
                var sum: Int32 = 0
                for h in 0..<2 {
                    let ql = block + 64 * h, qh = block + 128 + 32 * h
                    for k in 0..<2 {
                        let l0 = bytes(ql + 16 * k)
                        let l1 = bytes(ql + 32 + 16 * k)
                        let hb = bytes(qh + 16 * k)
                        let q1 = (l0 & 0x0F) | ((hb & 3) &<< 4)
                        let q2 = (l1 & 0x0F) | (((hb &>> 2) & 3) &<< 4)
                        let q3 = (l0 &>> 4) | (((hb &>> 4) & 3) &<< 4)
                        let q4 = (l1 &>> 4) | (((hb &>> 6) & 3) &<< 4)
                        let xh = UnsafeRawPointer(x + 128 * h + 16 * k)
                        let s = 8 * h + k
                        var t = dot(q1, signed(xh)) &* Int32(sc[s])
                        t &+= dot(q2, signed(xh + 32)) &* Int32(sc[s + 2])
                        t &+= dot(q3, signed(xh + 64)) &* Int32(sc[s + 4])
                        t &+= dot(q4, signed(xh + 96)) &* Int32(sc[s + 6])
                        sum &+= t.wrappedSum()
                    }
                }
                var offset: Int32 = 0
                for s in 0..<16 { offset &+= Int32(sc[s]) &* Int32(bs[s]) }
                total += half(block + 208) * xd[b] * Float(sum &- 32 &* offset)
            }
            y[r] = total
        }
    }
}
