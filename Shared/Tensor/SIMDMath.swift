/// Vector forms of the transcendental functions the elementwise kernels need, and the
/// unaligned load/store helpers their loops use.
///
/// The standard library has no vector `exp`, and calling the scalar one per element costs
/// more than the rest of a norm or activation; this keeps those kernels memory-bound.
enum SIMDMath {
    typealias V = SIMD16<Float>

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>, _ i: Int) -> V {
        UnsafeRawPointer(p + i).loadUnaligned(as: V.self)
    }

    @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Float>, _ i: Int) -> V {
        UnsafeRawPointer(p + i).loadUnaligned(as: V.self)
    }

    @inline(__always)
    static func store(_ v: V, _ p: UnsafeMutablePointer<Float>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: V.self)
    }

    /// e^x to within 2 ulp over the whole float range (Cephes' polynomial on a log2 split);
    /// results below the smallest normal flush to 0, above the largest float become infinity.
    @inline(__always)
    static func exp(_ x: V) -> V {
        let log2e: Float = 1.442_695_040_888_963_4
        let clamped = minimum(maximum(x, V(repeating: -87.336_55)), V(repeating: 88.722_83))
        let n = roundToEven(clamped * log2e)
        // ln 2 split in two so that n * ln2Hi is exact.
        var r = clamped - n * 0.693_359_375
        r = r - n * -2.121_944_4e-4
        var p = V(repeating: 1.987_569_150_0e-4)
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let y = p * (r * r) + r + 1
        // 2^n built from its exponent bits; n + 127 stays within 1...254 after the clamp,
        // except at the top where it is split to avoid overflowing the exponent field.
        let ni = toInt32(n)
        let half = ni &>> 1
        let s1 = unsafeBitCast((half &+ 127) &<< 23, to: V.self)
        let s2 = unsafeBitCast((ni &- half &+ 127) &<< 23, to: V.self)
        let result = y * s1 * s2
        let under = select(x .< -87.336_55, V(), result)
        return select(x .> 88.722_83, V(repeating: .infinity), under)
    }

    /// Rounds to the nearest integer, ties to even, for |x| < 2²²: adding and removing 1.5·2²³
    /// makes the FPU do the rounding. Baseline x86-64 (SSE2) has no vector round instruction,
    /// and `rounded()` would become one library call per lane.
    @inline(__always)
    static func roundToEven(_ x: V) -> V {
        let magic = V(repeating: 12_582_912)
        return (x + magic) - magic
    }

    /// `a` where `mask` is set, else `b`, with bitwise operations: the standard library's
    /// `replace(with:where:)` runs lane by lane through memory.
    @inline(__always)
    static func select(_ mask: SIMDMask<SIMD16<Int32>>, _ a: V, _ b: V) -> V {
        let m = unsafeBitCast(mask, to: SIMD16<UInt32>.self)
        let bits = (unsafeBitCast(a, to: SIMD16<UInt32>.self) & m) | (unsafeBitCast(b, to: SIMD16<UInt32>.self) & ~m)
        return unsafeBitCast(bits, to: V.self)
    }

    /// The lane-wise larger of two vectors.
    @inline(__always)
    static func maximum(_ a: V, _ b: V) -> V { select(a .> b, a, b) }

    /// The lane-wise smaller of two vectors.
    @inline(__always)
    static func minimum(_ a: V, _ b: V) -> V { select(a .< b, a, b) }

    /// The integer value of lanes already rounded to integers (|x| < 2²²), read from the mantissa
    /// after adding 1.5·2²³: the generic `SIMD16<Int32>(_:rounding:)` converts lane by lane.
    @inline(__always)
    static func toInt32(_ x: V) -> SIMD16<Int32> {
        unsafeBitCast(x + 12_582_912, to: SIMD16<Int32>.self) &- 0x4B40_0000
    }

    /// |x| by clearing the sign bits.
    @inline(__always)
    static func abs(_ x: V) -> V {
        unsafeBitCast(unsafeBitCast(x, to: SIMD16<UInt32>.self) & 0x7FFF_FFFF, to: V.self)
    }

    /// 1 / (1 + e^-x), safe at both ends of the range.
    @inline(__always)
    static func sigmoid(_ x: V) -> V {
        1 / (1 + exp(-x))
    }
}
