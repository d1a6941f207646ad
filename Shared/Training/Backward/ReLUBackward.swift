import Tensor

/// ReLU (OPT's feed-forward activation), forward and backward.
///
/// Shapes: x, y, dy, dx [count]. The derivative at exactly 0 is taken as 0, as PyTorch does.
public enum ReLUBackward {
    /// y = max(x, 0).
    public static func forward(_ x: UnsafePointer<Float>, count: Int, into y: UnsafeMutablePointer<Float>) {
        y.update(from: x, count: count)
        Kernels.relu(y, count: count)
    }

    /// dx += dy where x > 0.
    public static func backward(_ dy: UnsafePointer<Float>, x: UnsafePointer<Float>, count: Int,
                                dx: UnsafeMutablePointer<Float>) {
        for i in 0..<count where x[i] > 0 { dx[i] += dy[i] }
    }
}
