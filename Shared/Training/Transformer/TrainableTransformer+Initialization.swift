import Tensor

/// A model with fresh random weights, every tensor trainable: pre-training from scratch and tests.
extension TrainableTransformer {
    /// GPT-2's initialisation: embeddings and projections normal(0, standardDeviation), biases 0,
    /// norm weights 1 and biases 0; a tied head shares the token embedding. Fixed by `seed`.
    public static func randomlyInitialized(_ architecture: TransformerArchitecture, seed: UInt64,
                                           standardDeviation: Float = 0.02) throws -> TrainableTransformer {
        var random = TrainingRandom(seed: seed)
        let s = architecture.shape, d = s.hiddenSize, f = s.ffnWidth
        func matrix(_ name: String, _ rows: Int, _ cols: Int) throws -> TrainableParameter {
            let t = Tensor(shape: [rows, cols])
            for i in 0..<t.count { t.data[i] = random.nextGaussian() * standardDeviation }
            return try TrainableParameter(name: name, value: t, gradient: Tensor(shape: [rows, cols]))
        }
        func vector(_ name: String, _ count: Int, _ value: Float) throws -> TrainableParameter {
            let t = Tensor(shape: [count])
            t.fill(value)
            return try TrainableParameter(name: name, value: t, gradient: Tensor(shape: [count]))
        }
        func norm(_ name: String) throws -> TrainableNorm {
            TrainableNorm(kind: architecture.norm, eps: architecture.normEps, weight: try vector(name + ".weight", d, 1),
                          bias: architecture.norm == .layerNorm ? try vector(name + ".bias", d, 0) : nil, isTrained: true)
        }
        func projection(_ name: String, _ out: Int, _ inF: Int, bias: Bool) throws -> TrainableProjection {
            try TrainableProjection(trainable: try matrix(name + ".weight", out, inF), bias: bias ? Tensor(shape: [out]) : nil)
        }
        let names = TransformerParameterNames(family: family(of: architecture))
        let tokenTable = try matrix(names.tokenEmbedding + ".weight", s.vocabularySize, d)
        var positions: TrainableEmbedding?
        if case .learned(let offset) = architecture.positions {
            positions = try TrainableEmbedding(trainable: try matrix(names.positionEmbedding + ".weight", s.contextLength + offset, d))
        }
        var layers: [TrainableLayer] = []
        for l in 0..<s.layerCount {
            let qkvBias = architecture.qkvBias, bias = architecture.projectionBias
            func named(_ role: String) -> String { names.projection(role, l) }
            let fused = architecture.fusedQKV ? try projection(named("qkv"), s.queryWidth + 2 * s.kvWidth, d, bias: qkvBias) : nil
            let q = architecture.fusedQKV ? nil : try projection(named("q"), s.queryWidth, d, bias: qkvBias)
            let k = architecture.fusedQKV ? nil : try projection(named("k"), s.kvWidth, d, bias: qkvBias)
            let v = architecture.fusedQKV ? nil : try projection(named("v"), s.kvWidth, d, bias: qkvBias)
            let gate = architecture.feedForward == .swiglu ? try projection(named("gate"), f, d, bias: false) : nil
            let (attentionNorm, ffnNorm) = names.norms(l)
            layers.append(TrainableLayer(
                attentionNorm: try norm(attentionNorm), fusedQKV: fused, query: q, key: k, value: v,
                attentionOutput: try projection(named("o"), d, s.queryWidth, bias: bias), ffnNorm: try norm(ffnNorm),
                ffnIn: try projection(named("in"), f, d, bias: bias), gate: gate,
                ffnOut: try projection(named("out"), d, f, bias: bias)))
        }
        let head = architecture.tiedOutput
            ? try TrainableProjection(trainable: tokenTable, bias: nil)
            : try projection("lm_head", s.vocabularySize, d, bias: false)
        return try TrainableTransformer(architecture: architecture, tokenEmbedding: try TrainableEmbedding(trainable: tokenTable),
                                        positionEmbedding: positions, layers: layers, finalNorm: try norm(names.finalNorm), head: head)
    }

    /// The family whose names an architecture's parts take (fused q/k/v: GPT-2; LayerNorm: OPT; else LLaMA).
    static func family(of architecture: TransformerArchitecture) -> LoRAModelLayout.Family {
        if architecture.fusedQKV { return .gpt2 }
        return architecture.norm == .layerNorm ? .opt : .llama
    }
}

/// The same model with every weight frozen: the base for LoRA, or for QLoRA with the decoder
/// projections re-encoded as `dtype` (embeddings, norms and head stay as they are, as
/// bitsandbytes leaves them).
extension TrainableTransformer {
    /// A frozen copy sharing this model's F32 tensors (or holding quantized projections).
    public func frozen(quantizingProjectionsTo dtype: DType? = nil) throws -> TrainableTransformer {
        func freeze(_ p: TrainableProjection?) throws -> TrainableProjection? {
            guard let p else { return nil }
            guard let dtype, dtype != .f32 else { return TrainableProjection(frozen: p.weight, bias: p.bias) }
            let values = p.weight.toFloat32()
            return TrainableProjection(frozen: try WeightMatrix.quantize(values, rows: p.outFeatures, cols: p.inFeatures, to: dtype),
                                       bias: p.bias)
        }
        func freeze(_ norm: TrainableNorm) -> TrainableNorm {
            TrainableNorm(kind: norm.kind, eps: norm.eps, weight: norm.weight, bias: norm.bias, isTrained: false)
        }
        var frozenLayers: [TrainableLayer] = []
        for layer in layers {
            guard let attentionOutput = try freeze(layer.attentionOutput), let ffnIn = try freeze(layer.ffnIn),
                  let ffnOut = try freeze(layer.ffnOut) else { continue }
            frozenLayers.append(TrainableLayer(
                attentionNorm: freeze(layer.attentionNorm), fusedQKV: try freeze(layer.fusedQKV), query: try freeze(layer.query),
                key: try freeze(layer.key), value: try freeze(layer.value), attentionOutput: attentionOutput,
                ffnNorm: freeze(layer.ffnNorm), ffnIn: ffnIn, gate: try freeze(layer.gate), ffnOut: ffnOut))
        }
        return try TrainableTransformer(
            architecture: architecture, tokenEmbedding: TrainableEmbedding(frozen: tokenEmbedding.table),
            positionEmbedding: positionEmbedding.map { TrainableEmbedding(frozen: $0.table) }, layers: frozenLayers,
            finalNorm: freeze(finalNorm), head: TrainableProjection(frozen: head.weight, bias: head.bias))
    }
}
