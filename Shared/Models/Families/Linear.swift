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

    /// Several linear layers that read the same x [batch, in]: y_i = x · W_iᵀ + b_i, computed in one
    /// pass over a shared quantized input (see `WeightMatrix.matmul(_:batch:weights:into:)`).
    public static func forward(_ x: UnsafePointer<Float>, batch: Int, weights: [WeightMatrix], biases: [FloatBuffer?],
                               into outputs: [UnsafeMutablePointer<Float>]) {
        WeightMatrix.matmul(x, batch: batch, weights: weights, into: outputs)
        for (i, bias) in biases.enumerated() {
            guard let bias else { continue }
            for b in 0..<batch {
                Kernels.addInPlace(outputs[i] + b * weights[i].rows, bias.pointer, count: weights[i].rows)
            }
        }
    }
}
