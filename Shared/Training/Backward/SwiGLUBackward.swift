import Tensor

/// The gated feed-forward product y = silu(gate) · up (LLaMA, Qwen2), forward and backward.
///
/// Shapes: gate, up, y, dy, dGate, dUp [count].
public enum SwiGLUBackward {
    /// y = silu(gate) · up.
    public static func forward(gate: UnsafePointer<Float>, up: UnsafePointer<Float>, count: Int,
                               into y: UnsafeMutablePointer<Float>) {
        Kernels.swiglu(gate: gate, up: up, count: count, into: y)
    }

    /// dGate += dy · up · silu'(gate);  dUp += dy · silu(gate).
    public static func backward(_ dy: UnsafePointer<Float>, gate: UnsafePointer<Float>, up: UnsafePointer<Float>,
                                count: Int, dGate: UnsafeMutablePointer<Float>, dUp: UnsafeMutablePointer<Float>) {
        for i in 0..<count {
            let g = gate[i]
            dGate[i] += dy[i] * up[i] * SiLUBackward.derivative(g)
            dUp[i] += dy[i] * g * SiLUBackward.sigmoid(g)
        }
    }
}
