import Foundation

/// The elementwise and reduction kernels of a transformer forward pass, on contiguous Float32 buffers.
///
/// Every loop works on 16 floats at a time and is bound by memory traffic, not arithmetic;
/// the scalar tail handles counts that are not a multiple of 16.
public enum Kernels {
    /// y = a + b elementwise.
    public static func add(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>) {
        var i = 0
        while i + 16 <= count {
            SIMDMath.store(SIMDMath.load(a, i) + SIMDMath.load(b, i), y, i)
            i += 16
        }
        while i < count { y[i] = a[i] + b[i]; i += 1 }
    }

    /// y += b elementwise (residual connections, biases).
    public static func addInPlace(_ y: UnsafeMutablePointer<Float>, _ b: UnsafePointer<Float>, count: Int) {
        var i = 0
        while i + 16 <= count {
            SIMDMath.store(SIMDMath.load(y, i) + SIMDMath.load(b, i), y, i)
            i += 16
        }
        while i < count { y[i] += b[i]; i += 1 }
    }

    /// x *= s elementwise.
    public static func scale(_ x: UnsafeMutablePointer<Float>, by s: Float, count: Int) {
        var i = 0
        while i + 16 <= count {
            SIMDMath.store(SIMDMath.load(x, i) * s, x, i)
            i += 16
        }
        while i < count { x[i] *= s; i += 1 }
    }

    /// y += a * x elementwise (attention's weighted sum of values).
    public static func axpy(_ a: Float, _ x: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>) {
        var i = 0
        while i + 16 <= count {
            SIMDMath.store(SIMDMath.load(y, i) + a * SIMDMath.load(x, i), y, i)
            i += 16
        }
        while i < count { y[i] += a * x[i]; i += 1 }
    }

    /// The dot product of two vectors, summed in four independent accumulators.
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var s0 = SIMD16<Float>(), s1 = SIMD16<Float>()
        var i = 0
        while i + 32 <= count {
            s0 += SIMDMath.load(a, i) * SIMDMath.load(b, i)
            s1 += SIMDMath.load(a, i + 16) * SIMDMath.load(b, i + 16)
            i += 32
        }
        while i + 16 <= count {
            s0 += SIMDMath.load(a, i) * SIMDMath.load(b, i)
            i += 16
        }
        var total = (s0 + s1).sum()
        while i < count { total += a[i] * b[i]; i += 1 }
        return total
    }

    /// The sum of squares of a vector.
    static func sumOfSquares(_ x: UnsafePointer<Float>, count: Int) -> Float {
        dot(x, x, count: count)
    }

    /// The sum of a vector's elements.
    static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var s = SIMD16<Float>()
        var i = 0
        while i + 16 <= count { s += SIMDMath.load(x, i); i += 16 }
        var total = s.sum()
        while i < count { total += x[i]; i += 1 }
        return total
    }

    /// The largest element of a non-empty vector.
    static func maximum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var i = 0
        var m = -Float.infinity
        if count >= 16 {
            var v = SIMDMath.load(x, 0)
            i = 16
            while i + 16 <= count { v = SIMDMath.maximum(v, SIMDMath.load(x, i)); i += 16 }
            m = v.max()
        }
        while i < count { m = Swift.max(m, x[i]); i += 1 }
        return m
    }
}
