import Tensor

/// LayerNorm over the last dimension (GPT-2, OPT), forward keeping mean and 1/σ per row, and backward.
///
/// Shapes: x, y [rows, cols]; weight, bias [cols]; mean, rstd [rows].
/// y = (x - mean) · rstd · weight + bias, rstd = 1 / sqrt(var + eps) with the biased variance.
public enum LayerNormBackward {
    /// Normalises every row and records its mean and rstd for the backward.
    public static func forward(_ x: UnsafePointer<Float>, rows: Int, cols: Int, weight: UnsafePointer<Float>,
                               bias: UnsafePointer<Float>?, eps: Float, into y: UnsafeMutablePointer<Float>,
                               mean: UnsafeMutablePointer<Float>, rstd: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            let row = x + r * cols
            var sum: Float = 0
            for c in 0..<cols { sum += row[c] }
            let m = sum / Float(cols)
            var squares: Float = 0
            for c in 0..<cols { let d = row[c] - m; squares += d * d }
            let s = 1 / (squares / Float(cols) + eps).squareRoot()
            mean[r] = m
            rstd[r] = s
            let out = y + r * cols
            for c in 0..<cols { out[c] = (row[c] - m) * s * weight[c] + (bias?[c] ?? 0) }
        }
    }

    /// dx += rstd · (g - mean(g) - x̂ · mean(g · x̂)) with g = dy · weight;  dweight += dy · x̂;  dbias += dy.
    public static func backward(_ dy: UnsafePointer<Float>, x: UnsafePointer<Float>, rows: Int, cols: Int,
                                weight: UnsafePointer<Float>, mean: UnsafePointer<Float>, rstd: UnsafePointer<Float>,
                                dx: UnsafeMutablePointer<Float>?, dWeight: UnsafeMutablePointer<Float>?,
                                dBias: UnsafeMutablePointer<Float>?) {
        for r in 0..<rows {
            let row = x + r * cols, grad = dy + r * cols
            let m = mean[r], s = rstd[r]
            var meanG: Float = 0, meanGX: Float = 0
            for c in 0..<cols {
                let g = grad[c] * weight[c]
                meanG += g
                meanGX += g * (row[c] - m) * s
            }
            meanG /= Float(cols)
            meanGX /= Float(cols)
            for c in 0..<cols {
                let xHat = (row[c] - m) * s
                dWeight?[c] += grad[c] * xHat
                dBias?[c] += grad[c]
                if let dx { dx[r * cols + c] += s * (grad[c] * weight[c] - meanG - xHat * meanGX) }
            }
        }
    }
}
