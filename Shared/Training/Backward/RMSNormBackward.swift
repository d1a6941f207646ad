import Tensor

/// RMSNorm over the last dimension (LLaMA, Qwen2), forward keeping 1/rms per row, and backward.
///
/// Shapes: x, y [rows, cols]; weight [cols]; rstd [rows].
/// y = x · rstd · weight with rstd = 1 / sqrt(mean(x²) + eps).
public enum RMSNormBackward {
    /// Normalises every row and records its rstd for the backward.
    public static func forward(_ x: UnsafePointer<Float>, rows: Int, cols: Int, weight: UnsafePointer<Float>,
                               eps: Float, into y: UnsafeMutablePointer<Float>, rstd: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            let row = x + r * cols
            let s = 1 / (Kernels.dot(row, row, count: cols) / Float(cols) + eps).squareRoot()
            rstd[r] = s
            let out = y + r * cols
            for c in 0..<cols { out[c] = row[c] * s * weight[c] }
        }
    }

    /// dx += rstd · g - rstd³ · x · mean(g · x) with g = dy · weight;  dweight += dy · x · rstd.
    public static func backward(_ dy: UnsafePointer<Float>, x: UnsafePointer<Float>, rows: Int, cols: Int,
                                weight: UnsafePointer<Float>, rstd: UnsafePointer<Float>,
                                dx: UnsafeMutablePointer<Float>?, dWeight: UnsafeMutablePointer<Float>?) {
        for r in 0..<rows {
            let row = x + r * cols, grad = dy + r * cols
            let s = rstd[r]
            var meanGX: Float = 0
            for c in 0..<cols { meanGX += grad[c] * weight[c] * row[c] }
            meanGX /= Float(cols)
            let s3 = s * s * s
            for c in 0..<cols {
                dWeight?[c] += grad[c] * row[c] * s
                if let dx { dx[r * cols + c] += s * grad[c] * weight[c] - s3 * row[c] * meanGX }
            }
        }
    }
}
