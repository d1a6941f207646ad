import Foundation

/// The activation functions of the supported model families, in place.
extension Kernels {
    /// x = x * sigmoid(x) (SiLU / swish).
    public static func silu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        map(x, count: count) { v in v * SIMDMath.sigmoid(v) }
    }

    /// x = 0.5 x (1 + tanh(√(2/π)(x + 0.044715 x³))), GPT-2's gelu_new.
    ///
    /// Computed as x · sigmoid(2u), the same function without tanh's cancellation near -1.
    public static func geluTanh(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let c: Float = 0.797_884_560_802_865_4  // √(2/π)
        map(x, count: count) { v in
            let u = c * (v + 0.044715 * v * v * v)
            return v * SIMDMath.sigmoid(2 * u)
        }
    }

    /// x = 0.5 x (1 + erf(x / √2)), the exact GELU.
    ///
    /// Written as 0.5 x erfc(-x / √2): the same value without 1 + erf cancelling for negative x.
    public static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count {
            let v = x[i]
            x[i] = 0.5 * v * Foundation.erfc(v * -0.707_106_781_186_547_5)
        }
    }

    /// x = max(x, 0).
    public static func relu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        map(x, count: count) { v in SIMDMath.maximum(v, SIMD16<Float>()) }
    }

    /// y = silu(gate) * up, the gated feed-forward of LLaMA and Qwen2; y may alias either input.
    public static func swiglu(gate: UnsafePointer<Float>, up: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>) {
        var i = 0
        while i + 16 <= count {
            let g = SIMDMath.load(gate, i)
            SIMDMath.store(g * SIMDMath.sigmoid(g) * SIMDMath.load(up, i), y, i)
            i += 16
        }
        if i < count {
            var g = SIMD16<Float>(), u = SIMD16<Float>()
            for j in i..<count { g[j - i] = gate[j]; u[j - i] = up[j] }
            let r = g * SIMDMath.sigmoid(g) * u
            for j in i..<count { y[j] = r[j - i] }
        }
    }

    /// Applies a vector function to every element, padding the tail into one more vector.
    @inline(__always)
    static func map(_ x: UnsafeMutablePointer<Float>, count: Int, _ f: (SIMD16<Float>) -> SIMD16<Float>) {
        var i = 0
        while i + 16 <= count {
            SIMDMath.store(f(SIMDMath.load(x, i)), x, i)
            i += 16
        }
        if i < count {
            var v = SIMD16<Float>()
            for j in i..<count { v[j - i] = x[j] }
            let r = f(v)
            for j in i..<count { x[j] = r[j - i] }
        }
    }
}
