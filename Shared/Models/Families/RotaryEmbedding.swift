import Tensor

/// Rotary position embedding on the query or key rows of a batch of consecutive positions.
public enum RotaryEmbedding {
    /// x [batch, heads * headDim] in place; row b is at position `startPosition + b`.
    public static func forward(_ x: UnsafeMutablePointer<Float>, batch: Int, heads: Int, headDim: Int,
                               startPosition: Int, theta: Float, style: RoPEStyle) {
        for b in 0..<batch {
            Kernels.rope(x + b * heads * headDim, heads: heads, headDim: headDim, position: startPosition + b,
                         theta: theta, style: style)
        }
    }
}
