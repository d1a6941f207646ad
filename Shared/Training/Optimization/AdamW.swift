import Foundation
import Tensor

/// AdamW with decoupled weight decay, step for step as torch.optim.AdamW computes it.
///
/// Per element, at step t (from 1): θ ← θ(1 - lr·λ); m ← m + (1-β1)(g - m);
/// v ← β2·v + (1-β2)g²; θ ← θ - (lr / (1-β1ᵗ)) · m / (√v / √(1-β2ᵗ) + ε).
/// The bias corrections are computed in Double and the element updates in Float32, as PyTorch
/// does on CPU, so trajectories agree with it to rounding. State (m, v, t) is per parameter,
/// kept in the order the parameters were given; it is what a checkpoint saves to resume.
public final class AdamW {
    /// Hyperparameters, with torch's defaults.
    public struct Options: Sendable, Equatable, Codable {
        /// Base learning rate (the schedule multiplies it).
        public var learningRate: Double = 1e-3
        /// Exponential decay of the first moment.
        public var beta1: Double = 0.9
        /// Exponential decay of the second moment.
        public var beta2: Double = 0.999
        /// Added to the denominator for stability.
        public var epsilon: Double = 1e-8
        /// Decoupled weight decay λ.
        public var weightDecay: Double = 1e-2

        /// Options with torch.optim.AdamW's defaults, overridden where given.
        public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                    weightDecay: Double = 1e-2) {
            self.learningRate = learningRate
            self.beta1 = beta1
            self.beta2 = beta2
            self.epsilon = epsilon
            self.weightDecay = weightDecay
        }
    }

    /// The hyperparameters.
    public let options: Options
    /// The parameters this optimizer updates, in order.
    public let parameters: [TrainableParameter]
    /// First moments, one per parameter.
    public let firstMoments: [Tensor]
    /// Second moments, one per parameter.
    public let secondMoments: [Tensor]
    /// Steps taken so far (t of the last step).
    public private(set) var stepCount = 0

    /// An optimizer over `parameters` with zeroed moments.
    public init(parameters: [TrainableParameter], options: Options = Options()) {
        self.options = options
        self.parameters = parameters
        firstMoments = parameters.map { Tensor(shape: $0.value.shape) }
        secondMoments = parameters.map { Tensor(shape: $0.value.shape) }
    }

    /// Restores the step count after loading moments from a checkpoint.
    public func restore(stepCount: Int) {
        self.stepCount = stepCount
    }

    /// One update of every parameter from its gradient, at `learningRate` (the scheduled rate;
    /// `options.learningRate` when nil).
    ///
    /// Scalars are formed in Double and rounded to Float once, as Python floats reach torch's
    /// Float32 kernels (1 - β2 is 0.001 exactly, not 1 - Float(0.999)).
    public func step(learningRate: Double? = nil) {
        stepCount += 1
        let lr = learningRate ?? options.learningRate
        let t = Double(stepCount)
        let stepSize = Float(lr / (1 - Foundation.pow(options.beta1, t)))
        let correction2 = Float((1 - Foundation.pow(options.beta2, t)).squareRoot())
        let decay = Float(1 - lr * options.weightDecay)
        let w1 = Float(1 - options.beta1), b2 = Float(options.beta2), w2 = Float(1 - options.beta2)
        let eps = Float(options.epsilon)
        for (index, parameter) in parameters.enumerated() {
            let theta = parameter.value.data, g = parameter.gradient.data
            let m = firstMoments[index].data, v = secondMoments[index].data
            // Bound by memory: five streams of Float32 per element, a few flops each.
            for i in 0..<parameter.value.count {
                theta[i] *= decay
                m[i] += w1 * (g[i] - m[i])  // torch's lerp for a weight below 0.5
                v[i] = v[i] * b2 + w2 * g[i] * g[i]
                theta[i] -= stepSize * (m[i] / (v[i].squareRoot() / correction2 + eps))
            }
        }
    }
}
