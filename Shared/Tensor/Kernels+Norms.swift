/// Normalisation and softmax: the reductions of a transformer layer.
extension Kernels {
    /// y = x / sqrt(mean(x²) + eps) * weight (LLaMA/Qwen2 RMSNorm); y may alias x.
    public static func rmsNorm(_ x: UnsafePointer<Float>, weight: UnsafePointer<Float>, eps: Float, count: Int, into y: UnsafeMutablePointer<Float>) {
        guard count > 0 else { return }
        let meanSquare = sumOfSquares(x, count: count) / Float(count)
        let inv = 1 / (meanSquare + eps).squareRoot()
        var i = 0
        while i + 16 <= count {
            SIMDMath.store(SIMDMath.load(x, i) * inv * SIMDMath.load(weight, i), y, i)
            i += 16
        }
        while i < count { y[i] = x[i] * inv * weight[i]; i += 1 }
    }

    /// y = (x - mean) / sqrt(var + eps) * weight + bias (GPT-2/OPT LayerNorm, biased variance); y may alias x.
    public static func layerNorm(_ x: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?, eps: Float, count: Int, into y: UnsafeMutablePointer<Float>) {
        guard count > 0 else { return }
        let mean = sum(x, count: count) / Float(count)
        // Two passes: the variance of centred values keeps its precision when the mean is large.
        var acc = SIMD16<Float>()
        var i = 0
        while i + 16 <= count {
            let d = SIMDMath.load(x, i) - mean
            acc += d * d
            i += 16
        }
        var variance = acc.sum()
        while i < count { let d = x[i] - mean; variance += d * d; i += 1 }
        variance /= Float(count)
        let inv = 1 / (variance + eps).squareRoot()
        i = 0
        if let bias {
            while i + 16 <= count {
                SIMDMath.store((SIMDMath.load(x, i) - mean) * inv * SIMDMath.load(weight, i) + SIMDMath.load(bias, i), y, i)
                i += 16
            }
            while i < count { y[i] = (x[i] - mean) * inv * weight[i] + bias[i]; i += 1 }
        } else {
            while i + 16 <= count {
                SIMDMath.store((SIMDMath.load(x, i) - mean) * inv * SIMDMath.load(weight, i), y, i)
                i += 16
            }
            while i < count { y[i] = (x[i] - mean) * inv * weight[i]; i += 1 }
        }
    }

    /// Softmax in place, subtracting the maximum first so large logits do not overflow.
    public static func softmax(_ x: UnsafeMutablePointer<Float>, count: Int) {
        guard count > 0 else { return }
        let m = maximum(x, count: count)
        var total = SIMD16<Float>()
        var i = 0
        while i + 16 <= count {
            let e = SIMDMath.exp(SIMDMath.load(x, i) - m)
            SIMDMath.store(e, x, i)
            total += e
            i += 16
        }
        var sum = total.sum()
        while i < count {
            let e = SIMDMath.exp(SIMD16<Float>(repeating: x[i] - m))[0]
            x[i] = e
            sum += e
            i += 1
        }
        scale(x, by: 1 / sum, count: count)
    }
}
