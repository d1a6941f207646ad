import Foundation
import Tensor

/// SiLU (x · sigmoid(x)), forward and backward.
///
/// Shapes: x, y, dy, dx [count].
public enum SiLUBackward {
    /// y = x · sigmoid(x).
    public static func forward(_ x: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>) {
        y.update(from: x, count: count)
        Kernels.silu(y, count: count)
    }

    /// dx += dy · s (1 + x (1 - s)) with s = sigmoid(x).
    public static func backward(_ dy: UnsafePointer<Float>, x: UnsafePointer<Float>, count: Int,
                                dx: UnsafeMutablePointer<Float>) {
        for i in 0..<count { dx[i] += dy[i] * derivative(x[i]) }
    }

    /// d silu / dx at `v`.
    @inline(__always)
    static func derivative(_ v: Float) -> Float {
        let s = sigmoid(v)
        return s * (1 + v * (1 - s))
    }

    /// 1 / (1 + e^-v), without overflow for large |v|.
    @inline(__always)
    static func sigmoid(_ v: Float) -> Float {
        if v >= 0 { return 1 / (1 + Foundation.exp(-v)) }
        let e = Foundation.exp(v)
        return e / (1 + e)
    }
}
