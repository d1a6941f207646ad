import Tensor

/// A linear layer y = x · Wᵀ + b over a batch of rows, W in any stored dtype.
public enum Linear {
    /// x [batch, W.cols] -> y [batch, W.rows]; `bias` [W.rows] is added to every row when present.
    public static func forward(_ x: UnsafePointer<Float>, batch: Int, weight: WeightMatrix, bias: FloatBuffer?,
                               into y: UnsafeMutablePointer<Float>) {
        weight.matmul(x, batch: batch, into: y)
        guard let bias else { return }
        for b in 0..<batch {
            Kernels.addInPlace(y + b * weight.rows, bias.pointer, count: weight.rows)
        }
    }
}
