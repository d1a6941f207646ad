import Foundation
import Tensor

/// GPT-2's tanh-approximated GELU (gelu_new), forward and backward.
///
/// Shapes: x, y, dy, dx [count]. y = 0.5 x (1 + tanh(u)), u = √(2/π)(x + 0.044715 x³).
public enum GELUBackward {
    /// y = gelu_tanh(x), through the inference kernel so training sees the same values.
    public static func forward(_ x: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>) {
        y.update(from: x, count: count)
        Kernels.geluTanh(y, count: count)
    }

    /// dx += dy · (0.5 (1 + tanh u) + 0.5 x (1 - tanh² u) · √(2/π)(1 + 3 · 0.044715 x²)).
    public static func backward(_ dy: UnsafePointer<Float>, x: UnsafePointer<Float>, count: Int,
                                dx: UnsafeMutablePointer<Float>) {
        let c: Float = 0.797_884_560_802_865_4
        for i in 0..<count {
            let v = x[i]
            let t = Foundation.tanh(c * (v + 0.044715 * v * v * v))
            let derivative = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * c * (1 + 3 * 0.044715 * v * v)
            dx[i] += dy[i] * derivative
        }
    }
}
