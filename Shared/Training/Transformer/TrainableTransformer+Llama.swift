import Models
import Tensor

/// Training over a LLaMA-style model the Models module loaded (Hugging Face directory or GGUF).
extension TrainableTransformer {
    /// A frozen trainable view of `llama`: its projections, embedding and head used as they are
    /// (any dtype: a q4_K GGUF is QLoRA's 4-bit base with no conversion), norms copied to F32,
    /// RoPE in the model's own pairing. Attach an adapter to train.
    public convenience init(frozen llama: Llama) throws {
        let c = llama.configuration, p = llama.parameters
        let architecture = TransformerArchitecture.llama(shape: llama.shape, rmsNormEps: c.rmsNormEps, ropeTheta: c.ropeTheta ?? 10_000,
                                                         qkvBias: p.layers.first?.queryBias != nil, tiedOutput: p.tiedOutput,
                                                         ropeStyle: llama.ropeStyle)
        func tensor(_ buffer: FloatBuffer?) throws -> Tensor? {
            guard let buffer else { return nil }
            return try Tensor(shape: [buffer.count], values: buffer.array)
        }
        func norm(_ buffer: FloatBuffer, _ name: String) throws -> TrainableNorm {
            let value = try Tensor(shape: [buffer.count], values: buffer.array)
            return TrainableNorm(kind: .rmsNorm, eps: c.rmsNormEps,
                                 weight: try TrainableParameter(name: name, value: value, gradient: Tensor(shape: [buffer.count])),
                                 bias: nil, isTrained: false)
        }
        var layers: [TrainableLayer] = []
        for (l, layer) in p.layers.enumerated() {
            let prefix = "model.layers.\(l)."
            layers.append(TrainableLayer(
                attentionNorm: try norm(layer.attentionNorm, prefix + "input_layernorm.weight"), fusedQKV: nil,
                query: TrainableProjection(frozen: layer.query, bias: try tensor(layer.queryBias)),
                key: TrainableProjection(frozen: layer.key, bias: try tensor(layer.keyBias)),
                value: TrainableProjection(frozen: layer.value, bias: try tensor(layer.valueBias)),
                attentionOutput: TrainableProjection(frozen: layer.attentionOutput, bias: try tensor(layer.attentionOutputBias)),
                ffnNorm: try norm(layer.ffnNorm, prefix + "post_attention_layernorm.weight"),
                ffnIn: TrainableProjection(frozen: layer.up, bias: nil), gate: TrainableProjection(frozen: layer.gate, bias: nil),
                ffnOut: TrainableProjection(frozen: layer.down, bias: nil)))
        }
        try self.init(architecture: architecture, tokenEmbedding: TrainableEmbedding(frozen: p.tokenEmbedding), positionEmbedding: nil,
                      layers: layers, finalNorm: try norm(p.finalNorm, "model.norm.weight"),
                      head: TrainableProjection(frozen: p.output, bias: nil))
    }
}
