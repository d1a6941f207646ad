import Tensor

/// Clipping of all gradients together by their global L2 norm, as torch.nn.utils.clip_grad_norm_.
public enum GradientClipping {
    /// Scales every gradient by maxNorm / (norm + 1e-6) when that is below 1, and returns the
    /// norm before clipping (what a progress line reports). The norm is summed in Double.
    @discardableResult
    public static func clipByGlobalNorm(_ parameters: [TrainableParameter], maxNorm: Float) -> Float {
        let norm = Float(globalNorm(parameters))
        let coefficient = maxNorm / (norm + 1e-6)
        if coefficient < 1 { parameters.scaleGradients(by: coefficient) }
        return norm
    }

    /// √(Σ over every gradient element of g²).
    public static func globalNorm(_ parameters: [TrainableParameter]) -> Double {
        var total: Double = 0
        for parameter in parameters {
            let g = parameter.gradient.data
            for i in 0..<parameter.gradient.count { total += Double(g[i]) * Double(g[i]) }
        }
        return total.squareRoot()
    }
}
