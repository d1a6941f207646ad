import Tensor

/// The backward pass of the whole model, layer by layer in reverse, each step the backward of
/// the forward step it mirrors.
extension TrainableTransformer {
    /// Adds dLoss/dθ into every trained tensor's gradient for the batch `loss` last saw;
    /// `lossScale` multiplies the mean loss (1 / micro-batches under accumulation).
    public func backward(activations a: TransformerActivations, lossScale: Float = 1) {
        let s = architecture.shape, n = a.rows, scratch = a.inputGradientScratch
        // dLogits shares the probabilities' buffer (see TransformerActivations).
        precondition(a.holdsProbabilities, "backward needs a training forward (loss with training: true) just before it")
        a.holdsProbabilities = false
        a.targets.withUnsafeBufferPointer { targets in
            CrossEntropyBackward.gradientInPlace(a.outputProbabilities.data, targets: targets.baseAddress!, rows: n,
                                                 vocabulary: s.vocabularySize, scoredRows: a.scoredRows, lossScale: lossScale)
        }
        a.dNorm.fill(0)
        head.backward(a.dLogits.data, input: a.finalNorm.data, rows: n, dx: a.dNorm.data, scratch: scratch)
        a.dResidual.fill(0)
        finalNorm.backward(a.dNorm.data, x: a.inputs[s.layerCount].data, rows: n, mean: a.finalMean.data,
                           rstd: a.finalRstd.data, dx: a.dResidual.data)
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            feedForwardBackward(layers[l], l, a)
            attentionBackward(layers[l], l, a)
        }
        a.tokenIDs.withUnsafeBufferPointer { tokenEmbedding.backward(a.dResidual.data, ids: $0.baseAddress!, count: n) }
        a.positionIDs.withUnsafeBufferPointer { positionEmbedding?.backward(a.dResidual.data, ids: $0.baseAddress!, count: n) }
    }

    /// Why a backward stops: the activations share an input buffer a projection now trains on.
    static let staleActivations = "these activations were made for a model whose weights here were frozen; make them with init(for:) for this model"

    /// dResidual: d(next input) in, d(mid) out.
    private func feedForwardBackward(_ layer: TrainableLayer, _ l: Int, _ a: TransformerActivations) {
        let n = a.rows, f = architecture.shape.ffnWidth, scratch = a.inputGradientScratch
        a.dAct.fill(0)
        precondition(a.keepsFFNAct[l] || !layer.ffnOut.readsInputInBackward, Self.staleActivations)
        layer.ffnOut.backward(a.dResidual.data, input: a.ffnAct[l].data, rows: n, dx: a.dAct.data, scratch: scratch)
        a.dPre.fill(0)
        a.dNorm.fill(0)
        precondition(a.keepsNorm2[l] || !layer.ffnIn.readsInputInBackward, Self.staleActivations)
        switch architecture.feedForward {
        case .swiglu:
            precondition(a.keepsNorm2[l] || !(layer.gate?.readsInputInBackward ?? false), Self.staleActivations)
            a.dUp.fill(0)
            SwiGLUBackward.backward(a.dAct.data, gate: a.ffnPre[l].data, up: a.ffnUp[l].data, count: n * f,
                                    dGate: a.dPre.data, dUp: a.dUp.data)
            layer.gate?.backward(a.dPre.data, input: a.norm2[l].data, rows: n, dx: a.dNorm.data, scratch: scratch)
            layer.ffnIn.backward(a.dUp.data, input: a.norm2[l].data, rows: n, dx: a.dNorm.data, scratch: scratch)
        case .geluTanh:
            GELUBackward.backward(a.dAct.data, x: a.ffnPre[l].data, count: n * f, dx: a.dPre.data)
            layer.ffnIn.backward(a.dPre.data, input: a.norm2[l].data, rows: n, dx: a.dNorm.data, scratch: scratch)
        case .relu:
            ReLUBackward.backward(a.dAct.data, x: a.ffnPre[l].data, count: n * f, dx: a.dPre.data)
            layer.ffnIn.backward(a.dPre.data, input: a.norm2[l].data, rows: n, dx: a.dNorm.data, scratch: scratch)
        }
        layer.ffnNorm.backward(a.dNorm.data, x: a.mid[l].data, rows: n, mean: a.mean2[l].data, rstd: a.rstd2[l].data,
                               dx: a.dResidual.data)
    }

    /// dResidual: d(mid) in, d(layer input) out.
    private func attentionBackward(_ layer: TrainableLayer, _ l: Int, _ a: TransformerActivations) {
        let s = architecture.shape, n = a.rows, d = s.hiddenSize, scratch = a.inputGradientScratch
        a.dAttention.fill(0)
        precondition(a.keepsAttention[l] || !layer.attentionOutput.readsInputInBackward, Self.staleActivations)
        layer.attentionOutput.backward(a.dResidual.data, input: a.attention[l].data, rows: n, dx: a.dAttention.data, scratch: scratch)
        a.dq.fill(0); a.dk.fill(0); a.dv.fill(0)
        AttentionBackward.backward(a.dAttention.data, q: a.q[l].data, k: a.k[l].data, v: a.v[l].data,
                                   probabilities: a.probabilities[l].data, sequences: a.sequences, length: a.length,
                                   heads: s.heads, kvHeads: s.kvHeads, headDim: s.headDim, scratch: a.attentionScratch.data,
                                   dq: a.dq.data, dk: a.dk.data, dv: a.dv.data)
        if case .rotary(let theta, let style) = architecture.positions {
            RoPEBackward.backward(a.dq.data, rows: n, sequenceLength: a.length, heads: s.heads, headDim: s.headDim, theta: theta, style: style)
            RoPEBackward.backward(a.dk.data, rows: n, sequenceLength: a.length, heads: s.kvHeads, headDim: s.headDim, theta: theta, style: style)
        }
        a.dNorm.fill(0)
        precondition(a.keepsNorm1[l] || ![layer.fusedQKV, layer.query, layer.key, layer.value].contains { $0?.readsInputInBackward ?? false },
                     Self.staleActivations)
        if let fused = layer.fusedQKV {
            for r in 0..<n {
                let row = a.dqkv.data + r * 3 * d
                row.update(from: a.dq.data + r * s.queryWidth, count: s.queryWidth)
                (row + s.queryWidth).update(from: a.dk.data + r * s.kvWidth, count: s.kvWidth)
                (row + s.queryWidth + s.kvWidth).update(from: a.dv.data + r * s.kvWidth, count: s.kvWidth)
            }
            fused.backward(a.dqkv.data, input: a.norm1[l].data, rows: n, dx: a.dNorm.data, scratch: scratch)
        } else {
            layer.query?.backward(a.dq.data, input: a.norm1[l].data, rows: n, dx: a.dNorm.data, scratch: scratch)
            layer.key?.backward(a.dk.data, input: a.norm1[l].data, rows: n, dx: a.dNorm.data, scratch: scratch)
            layer.value?.backward(a.dv.data, input: a.norm1[l].data, rows: n, dx: a.dNorm.data, scratch: scratch)
        }
        layer.attentionNorm.backward(a.dNorm.data, x: a.inputs[l].data, rows: n, mean: a.mean1[l].data, rstd: a.rstd1[l].data,
                                     dx: a.dResidual.data)
    }
}
