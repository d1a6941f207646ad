import Tensor

/// Root-mean-square normalisation with a learned scale (LLaMA, Qwen2), applied to each row of a batch.
public enum RMSNorm {
    /// x [batch, width] -> y [batch, width]; weight [width].
    public static func forward(_ x: UnsafePointer<Float>, batch: Int, width: Int, weight: FloatBuffer, eps: Float,
                               into y: UnsafeMutablePointer<Float>) {
        for b in 0..<batch {
            Kernels.rmsNorm(x + b * width, weight: weight.pointer, eps: eps, count: width, into: y + b * width)
        }
    }
}
