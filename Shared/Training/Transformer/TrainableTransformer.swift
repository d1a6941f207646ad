import Tensor

/// A decoder-only transformer of one of the three families, set up for training: a forward
/// pass that keeps its activations and the loss, and (in `+Backward`) the gradients of every
/// trained tensor. Which tensors are trained is decided by how its parts were made: full
/// fine-tuning trains every F32 parameter, LoRA and QLoRA only the attached adapters.
public final class TrainableTransformer {
    /// Norms, positions, feed-forward and sizes.
    public let architecture: TransformerArchitecture
    /// Token embedding [vocab, hidden].
    public let tokenEmbedding: TrainableEmbedding
    /// Learned positions [positions, hidden] (GPT-2, OPT).
    public let positionEmbedding: TrainableEmbedding?
    /// The decoder blocks.
    public let layers: [TrainableLayer]
    /// The norm before the head.
    public let finalNorm: TrainableNorm
    /// The output head [vocab, hidden] (sharing the token embedding's weight when tied).
    public let head: TrainableProjection

    /// A model from its parts (a loader maps checkpoint weights into them).
    public init(architecture: TransformerArchitecture, tokenEmbedding: TrainableEmbedding, positionEmbedding: TrainableEmbedding?,
                layers: [TrainableLayer], finalNorm: TrainableNorm, head: TrainableProjection) throws {
        guard layers.count == architecture.shape.layerCount else {
            throw TrainingError.invalidArgument("\(layers.count) layers given for a model of \(architecture.shape.layerCount)")
        }
        self.architecture = architecture
        self.tokenEmbedding = tokenEmbedding
        self.positionEmbedding = positionEmbedding
        self.layers = layers
        self.finalNorm = finalNorm
        self.head = head
    }

    /// The mean cross-entropy of `targets` given `tokens` (both [sequences × length], row-major
    /// by sequence; targets already shifted, ignore-index where not scored), and the number of
    /// scored positions. Activations stay in `a` for `backward` after a `training` forward; without
    /// training, `a` keeps the raw logits instead of the probabilities and no backward may follow.
    public func loss(tokens: [Int32], targets: [Int32], activations a: TransformerActivations,
                     training: Bool) throws -> (loss: Float, scoredRows: Int) {
        let n = a.rows, s = architecture.shape
        guard n > 0, tokens.count == n, targets.count == n else {
            throw TrainingError.invalidArgument("a batch of \(a.sequences) × \(a.length) needs \(n) tokens and targets, got \(tokens.count) and \(targets.count)")
        }
        a.tokenIDs = tokens
        a.targets = targets
        try tokens.withUnsafeBufferPointer { ids in
            try tokenEmbedding.forward(ids.baseAddress!, count: n, into: a.inputs[0].data, accumulate: false, scratch: a.rowScratch.data)
        }
        if let positionEmbedding {
            try a.positionIDs.withUnsafeBufferPointer { ids in
                try positionEmbedding.forward(ids.baseAddress!, count: n, into: a.inputs[0].data, accumulate: true, scratch: a.rowScratch.data)
            }
        }
        for (l, layer) in layers.enumerated() {
            attentionForward(layer, l, a, training: training)
            feedForwardForward(layer, l, a, training: training)
        }
        finalNorm.forward(a.inputs[s.layerCount].data, rows: n, into: a.finalNorm.data, mean: a.finalMean.data, rstd: a.finalRstd.data)
        head.forward(a.finalNorm.data, rows: n, into: a.logits.data, training: training)
        let result = training
            ? try CrossEntropyBackward.forward(logits: a.logits.data, targets: targets, rows: n, vocabulary: s.vocabularySize,
                                               probabilities: a.outputProbabilities.data)
            : try CrossEntropyBackward.loss(logits: a.logits.data, targets: targets, rows: n, vocabulary: s.vocabularySize)
        a.scoredRows = result.scoredRows
        a.holdsProbabilities = training
        return result
    }

    /// mid = input + o_proj(attention(rope(q), rope(k), v)) of norm1(input).
    private func attentionForward(_ layer: TrainableLayer, _ l: Int, _ a: TransformerActivations, training: Bool) {
        let s = architecture.shape, n = a.rows, d = s.hiddenSize
        layer.attentionNorm.forward(a.inputs[l].data, rows: n, into: a.norm1[l].data, mean: a.mean1[l].data, rstd: a.rstd1[l].data)
        if let fused = layer.fusedQKV {
            fused.forward(a.norm1[l].data, rows: n, into: a.qkv[l].data, training: training)
            for r in 0..<n {
                let row = a.qkv[l].data + r * 3 * d
                (a.q[l].data + r * s.queryWidth).update(from: row, count: s.queryWidth)
                (a.k[l].data + r * s.kvWidth).update(from: row + s.queryWidth, count: s.kvWidth)
                (a.v[l].data + r * s.kvWidth).update(from: row + s.queryWidth + s.kvWidth, count: s.kvWidth)
            }
        } else if let query = layer.query, let key = layer.key, let value = layer.value {
            query.forward(a.norm1[l].data, rows: n, into: a.q[l].data, training: training)
            key.forward(a.norm1[l].data, rows: n, into: a.k[l].data, training: training)
            value.forward(a.norm1[l].data, rows: n, into: a.v[l].data, training: training)
        }
        if case .rotary(let theta, let style) = architecture.positions {
            RoPEBackward.forward(a.q[l].data, rows: n, sequenceLength: a.length, heads: s.heads, headDim: s.headDim, theta: theta, style: style)
            RoPEBackward.forward(a.k[l].data, rows: n, sequenceLength: a.length, heads: s.kvHeads, headDim: s.headDim, theta: theta, style: style)
        }
        AttentionBackward.forward(q: a.q[l].data, k: a.k[l].data, v: a.v[l].data, sequences: a.sequences, length: a.length,
                                  heads: s.heads, kvHeads: s.kvHeads, headDim: s.headDim,
                                  probabilities: a.probabilities[l].data, into: a.attention[l].data)
        layer.attentionOutput.forward(a.attention[l].data, rows: n, into: a.mid[l].data, training: training)
        Kernels.addInPlace(a.mid[l].data, a.inputs[l].data, count: n * d)
    }

    /// next input = mid + ffnOut(activation(ffnIn(norm2(mid))))  (SwiGLU: silu(gate) · up).
    private func feedForwardForward(_ layer: TrainableLayer, _ l: Int, _ a: TransformerActivations, training: Bool) {
        let n = a.rows, d = architecture.shape.hiddenSize, f = architecture.shape.ffnWidth
        layer.ffnNorm.forward(a.mid[l].data, rows: n, into: a.norm2[l].data, mean: a.mean2[l].data, rstd: a.rstd2[l].data)
        switch architecture.feedForward {
        case .swiglu:
            layer.gate?.forward(a.norm2[l].data, rows: n, into: a.ffnPre[l].data, training: training)
            layer.ffnIn.forward(a.norm2[l].data, rows: n, into: a.ffnUp[l].data, training: training)
            SwiGLUBackward.forward(gate: a.ffnPre[l].data, up: a.ffnUp[l].data, count: n * f, into: a.ffnAct[l].data)
        case .geluTanh:
            layer.ffnIn.forward(a.norm2[l].data, rows: n, into: a.ffnPre[l].data, training: training)
            GELUBackward.forward(a.ffnPre[l].data, count: n * f, into: a.ffnAct[l].data)
        case .relu:
            layer.ffnIn.forward(a.norm2[l].data, rows: n, into: a.ffnPre[l].data, training: training)
            ReLUBackward.forward(a.ffnPre[l].data, count: n * f, into: a.ffnAct[l].data)
        }
        let next = a.inputs[l + 1].data
        layer.ffnOut.forward(a.ffnAct[l].data, rows: n, into: next, training: training)
        Kernels.addInPlace(next, a.mid[l].data, count: n * d)
    }
}
