import Tensor

/// One linear projection of a model being trained: y = x · Wᵀ + b, with W either trainable
/// (full fine-tuning: F32 with a gradient) or frozen in any dtype, optionally under a LoRA adapter.
///
/// Shapes: W [out, in], b [out], x [n, in], y [n, out]. The backward takes the same x the
/// forward saw (the model keeps it) and adds into every gradient it owns.
public final class TrainableProjection {
    /// Input features.
    public let inFeatures: Int
    /// Output features.
    public let outFeatures: Int
    /// The weight the forward multiplies by (a view of `trainableWeight` when there is one).
    public let weight: WeightMatrix
    /// The F32 weight and its gradient under full fine-tuning; nil when frozen.
    public let trainableWeight: TrainableParameter?
    /// The bias [out], if any.
    public let bias: Tensor?
    /// dLoss/dbias when the bias is trained.
    public let biasGradient: Tensor?
    /// The adapter, when LoRA wraps this projection.
    public private(set) var lora: LoRALinear?
    private var loraActivations: LoRAActivations?
    /// Where a quantized weight's row panels are decoded in the backward when no shared scratch is given (made once).
    private lazy var scratch: Tensor? = weight.makeInputGradientScratch()
    /// Floats one decoded panel of this weight takes.
    private var inputGradientPanelElements: Int { WeightMatrix.inputGradientPanelRows(cols: inFeatures, rows: outFeatures) * inFeatures }

    /// A frozen projection over `weight` (any dtype).
    public init(frozen weight: WeightMatrix, bias: Tensor?) {
        inFeatures = weight.cols
        outFeatures = weight.rows
        self.weight = weight
        trainableWeight = nil
        self.bias = bias
        biasGradient = nil
    }

    /// A fully trainable projection; `weight` is [out, in] F32 (and may be shared, as a tied head shares the embedding).
    public init(trainable weight: TrainableParameter, bias: Tensor?) throws {
        guard weight.value.shape.count == 2 else {
            throw TrainingError.invalidArgument("parameter \(weight.name) has shape \(weight.value.shape), not [out, in]")
        }
        outFeatures = weight.value.shape[0]
        inFeatures = weight.value.shape[1]
        self.weight = try WeightMatrix(rows: outFeatures, cols: inFeatures, dtype: .f32,
                                       bytes: UnsafeRawPointer(weight.value.data), owner: weight.value)
        trainableWeight = weight
        self.bias = bias
        biasGradient = bias.map { Tensor(shape: $0.shape) }
    }

    /// True when the backward reads the forward's input: only a trained weight does (an adapter
    /// keeps its own copy in its LoRAActivations, and dx needs only dy and W).
    var readsInputInBackward: Bool { trainableWeight != nil }

    /// Puts `adapter` around this projection (its base must be this projection's weight).
    public func attach(_ adapter: LoRALinear) throws {
        guard adapter.inFeatures == inFeatures, adapter.outFeatures == outFeatures, adapter.bias == nil else {
            throw TrainingError.invalidArgument(
                "a LoRA adapter [\(adapter.outFeatures), \(adapter.inFeatures)] does not fit a projection [\(outFeatures), \(inFeatures)]")
        }
        lora = adapter
        loraActivations = nil
    }

    /// y [n, out] = x W ᵀ + b (+ the adapter's term).
    public func forward(_ x: UnsafePointer<Float>, rows n: Int, into y: UnsafeMutablePointer<Float>, training: Bool) {
        if let lora {
            let saved: LoRAActivations
            if let existing = loraActivations, existing.capacity >= n {
                saved = existing
            } else {
                // Grows only when a longer batch arrives; steady-state steps reuse it.
                saved = LoRAActivations(for: lora, capacity: n)
                loraActivations = saved
            }
            lora.forward(x, rows: n, into: y, saving: saved, training: training)
        } else {
            weight.matmulDecoded(x, batch: n, into: y)
        }
        if let bias { for r in 0..<n { Kernels.addInPlace(y + r * outFeatures, bias.data, count: outFeatures) } }
    }

    /// dx += dy · W (+ the adapter's share); dW += dyᵀ x and db += Σ dy when they are trained;
    /// the adapter's own gradients when there is one. A quantized W is decoded into `scratch`
    /// (shared by the model's projections) when it is large enough, else into the projection's own.
    public func backward(_ dy: UnsafePointer<Float>, input x: UnsafePointer<Float>, rows n: Int, dx: UnsafeMutablePointer<Float>?,
                         scratch shared: Tensor? = nil) {
        let shared = shared.flatMap { $0.count >= inputGradientPanelElements ? $0 : nil }
        if let lora, let saved = loraActivations {
            lora.backward(dy, saved: saved, dx: dx, scratch: shared)
        } else if let dx {
            weight.inputGradient(dy, batch: n, accumulatingInto: dx, scratch: shared ?? scratch)
        }
        if let trainableWeight {
            BLAS.sgemm(transA: true, transB: false, m: outFeatures, n: inFeatures, k: n, alpha: 1, a: dy, lda: outFeatures,
                       b: x, ldb: inFeatures, beta: 1, c: trainableWeight.gradient.data, ldc: inFeatures)
        }
        if let biasGradient { for r in 0..<n { Kernels.addInPlace(biasGradient.data, dy + r * outFeatures, count: outFeatures) } }
    }
}
