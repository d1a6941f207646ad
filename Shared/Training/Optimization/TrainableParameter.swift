import Tensor

/// One trainable tensor and its gradient, by name (the name the adapter or checkpoint file uses).
///
/// Both tensors are shared references: the layer that owns the weight computes into `gradient`,
/// and the optimizer updates `value` in place.
public struct TrainableParameter: @unchecked Sendable {
    /// The parameter's name, e.g. "model.layers.0.self_attn.q_proj.lora_A.weight".
    public let name: String
    /// The values the optimizer updates.
    public let value: Tensor
    /// dLoss/dvalue, same shape, accumulated by the backward pass.
    public let gradient: Tensor

    /// Pairs a value with its gradient; their element counts must agree.
    public init(name: String, value: Tensor, gradient: Tensor) throws {
        guard value.count == gradient.count else {
            throw TrainingError.invalidArgument("parameter \(name): value has \(value.count) elements, gradient \(gradient.count)")
        }
        self.name = name
        self.value = value
        self.gradient = gradient
    }
}

extension Array where Element == TrainableParameter {
    /// Sets every gradient to zero (before a step's first micro-batch).
    public func zeroGradients() {
        for parameter in self { parameter.gradient.fill(0) }
    }

    /// Multiplies every gradient by `factor`.
    public func scaleGradients(by factor: Float) {
        for parameter in self { Kernels.scale(parameter.gradient.data, by: factor, count: parameter.gradient.count) }
    }

    /// Total number of trainable elements.
    public var elementCount: Int { reduce(0) { $0 + $1.value.count } }
}
