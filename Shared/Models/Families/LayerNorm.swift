import Tensor

/// Layer normalisation with a learned scale and shift, applied to each row of a batch.
public enum LayerNorm {
    /// x [batch, width] -> y [batch, width]; weight and bias [width].
    public static func forward(_ x: UnsafePointer<Float>, batch: Int, width: Int, weight: FloatBuffer,
                               bias: FloatBuffer?, eps: Float, into y: UnsafeMutablePointer<Float>) {
        for b in 0..<batch {
            Kernels.layerNorm(x + b * width, weight: weight.pointer, bias: bias?.pointer, eps: eps,
                              count: width, into: y + b * width)
        }
    }
}
