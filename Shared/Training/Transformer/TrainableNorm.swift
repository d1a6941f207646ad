import Tensor

/// A LayerNorm or RMSNorm of a model being trained; its weight (and bias) get gradients when trained.
public final class TrainableNorm {
    /// Which normalisation.
    public let kind: TransformerArchitecture.Norm
    /// ε inside the square root.
    public let eps: Float
    /// The scale [width] (and its gradient when trained).
    public let weight: TrainableParameter
    /// LayerNorm's shift [width] (and its gradient when trained).
    public let bias: TrainableParameter?
    /// Whether the backward fills the weight and bias gradients.
    public let isTrained: Bool

    /// A norm over `weight` and optional `bias` (LayerNorm only).
    public init(kind: TransformerArchitecture.Norm, eps: Float, weight: TrainableParameter, bias: TrainableParameter?, isTrained: Bool) {
        self.kind = kind
        self.eps = eps
        self.weight = weight
        self.bias = bias
        self.isTrained = isTrained
    }

    /// Normalises [rows, width] keeping mean (LayerNorm) and rstd per row.
    public func forward(_ x: UnsafePointer<Float>, rows: Int, into y: UnsafeMutablePointer<Float>,
                        mean: UnsafeMutablePointer<Float>, rstd: UnsafeMutablePointer<Float>) {
        let width = weight.value.count
        switch kind {
        case .layerNorm:
            LayerNormBackward.forward(x, rows: rows, cols: width, weight: weight.value.data, bias: bias?.value.data, eps: eps,
                                      into: y, mean: mean, rstd: rstd)
        case .rmsNorm:
            RMSNormBackward.forward(x, rows: rows, cols: width, weight: weight.value.data, eps: eps, into: y, rstd: rstd)
        }
    }

    /// dx += the input gradient; the parameter gradients too when trained.
    public func backward(_ dy: UnsafePointer<Float>, x: UnsafePointer<Float>, rows: Int, mean: UnsafePointer<Float>,
                         rstd: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>) {
        let width = weight.value.count
        let dWeight = isTrained ? weight.gradient.data : nil
        switch kind {
        case .layerNorm:
            LayerNormBackward.backward(dy, x: x, rows: rows, cols: width, weight: weight.value.data, mean: mean, rstd: rstd,
                                       dx: dx, dWeight: dWeight, dBias: isTrained ? bias?.gradient.data : nil)
        case .rmsNorm:
            RMSNormBackward.backward(dy, x: x, rows: rows, cols: width, weight: weight.value.data, rstd: rstd, dx: dx, dWeight: dWeight)
        }
    }
}
