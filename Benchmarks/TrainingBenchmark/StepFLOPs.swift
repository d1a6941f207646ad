import Models

/// The matmul FLOPs of one training step, counted from the model's shape (a multiply-add is 2).
///
/// Counted: every projection and the output head forward (2·N·out·in) and their input gradients
/// backward (the same again: LoRA, QLoRA and full all push dx through the frozen or trained
/// base); attention's four T×T×headDim products per head forward and eight backward, as the
/// engine computes them (full T×T, masked afterwards); the adapters' six thin products; and, for
/// full fine-tuning only, every weight gradient (2·N·out·in again). Norms, softmax, activations,
/// cross-entropy and the optimizer are memory-bound element work and are not counted.
struct StepFLOPs {
    /// The model's sizes.
    let shape: ModelShape
    /// Sequences per batch.
    let sequences: Int
    /// Tokens per sequence.
    let length: Int

    /// Tokens in a step: N.
    var tokens: Int { sequences * length }

    /// Elements of one decoder layer's projections: q, k, v, o and the feed-forward (2 or 3 matrices).
    var layerProjectionElements: Double {
        let d = Double(shape.hiddenSize), q = Double(shape.queryWidth), kv = Double(shape.kvWidth), f = Double(shape.ffnWidth)
        return d * q + 2 * d * kv + q * d + (shape.gatedFFN ? 3 : 2) * d * f
    }

    /// Elements of every layer's projections plus the output head.
    var linearElements: Double {
        Double(shape.layerCount) * layerProjectionElements + Double(shape.vocabularySize) * Double(shape.hiddenSize)
    }

    /// Q·Kᵀ and P·V for every head, layer and sequence.
    var attentionForward: Double {
        Double(shape.layerCount * sequences * shape.heads) * 4 * Double(length) * Double(length) * Double(shape.headDim)
    }

    /// The linear layers' and attention's forward.
    var forward: Double { 2 * Double(tokens) * linearElements + attentionForward }

    /// The input-gradient path backward: dx through every projection and the head, and attention's four products.
    var inputGradients: Double { 2 * Double(tokens) * linearElements + 2 * attentionForward }

    /// The adapters' share (forward x·Aᵀ, h·Bᵀ; backward dB, dh, dA, dx) for rank `r` on modules of [out, in] shapes.
    func adapter(rank r: Int, modules: [(inFeatures: Int, outFeatures: Int)]) -> Double {
        modules.reduce(0) { total, m in
            total + 6 * Double(tokens) * Double(r) * Double(m.inFeatures + m.outFeatures)
        }
    }

    /// A LoRA (or QLoRA) step: forward, the input-gradient path and the adapters.
    func lora(rank r: Int, modules: [(inFeatures: Int, outFeatures: Int)]) -> Double {
        forward + inputGradients + adapter(rank: r, modules: modules)
    }

    /// A full fine-tuning step: forward, the input-gradient path and every weight gradient.
    var full: Double { forward + inputGradients + 2 * Double(tokens) * linearElements }
}
