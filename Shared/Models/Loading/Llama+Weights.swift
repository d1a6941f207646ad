import Tensor

extension Llama {
    /// A model whose seven linear weights per layer (and an untied head) are `transform`ed.
    public func mapLinearWeights(_ transform: (String, WeightMatrix) throws -> WeightMatrix) throws -> any LanguageModel {
        var p = parameters
        let names = LlamaWeightNames.gguf
        for i in p.layers.indices {
            let n = names.layer(i)
            p.layers[i].query = try transform(n.query, p.layers[i].query)
            p.layers[i].key = try transform(n.key, p.layers[i].key)
            p.layers[i].value = try transform(n.value, p.layers[i].value)
            p.layers[i].attentionOutput = try transform(n.attentionOutput, p.layers[i].attentionOutput)
            p.layers[i].gate = try transform(n.gate, p.layers[i].gate)
            p.layers[i].up = try transform(n.up, p.layers[i].up)
            p.layers[i].down = try transform(n.down, p.layers[i].down)
        }
        if !p.tiedOutput { p.output = try transform(names.output, p.output) }
        return Llama(configuration: configuration, parameters: p, ropeStyle: ropeStyle)
    }

    /// Every weight under llama.cpp's names, in llama.cpp's order.
    public var namedWeights: [(name: String, weight: NamedWeight)] {
        let names = LlamaWeightNames.gguf
        var out: [(name: String, weight: NamedWeight)] = [(names.tokenEmbedding, .matrix(parameters.tokenEmbedding))]
        for (i, layer) in parameters.layers.enumerated() {
            let n = names.layer(i)
            out.append((n.attentionNorm, .vector(layer.attentionNorm)))
            out.append((n.query, .matrix(layer.query)))
            if let b = layer.queryBias { out.append((n.queryBias, .vector(b))) }
            out.append((n.key, .matrix(layer.key)))
            if let b = layer.keyBias { out.append((n.keyBias, .vector(b))) }
            out.append((n.value, .matrix(layer.value)))
            if let b = layer.valueBias { out.append((n.valueBias, .vector(b))) }
            out.append((n.attentionOutput, .matrix(layer.attentionOutput)))
            if let b = layer.attentionOutputBias { out.append((n.attentionOutputBias, .vector(b))) }
            out.append((n.ffnNorm, .vector(layer.ffnNorm)))
            out.append((n.gate, .matrix(layer.gate)))
            out.append((n.up, .matrix(layer.up)))
            out.append((n.down, .matrix(layer.down)))
        }
        out.append((names.finalNorm, .vector(parameters.finalNorm)))
        if !parameters.tiedOutput { out.append((names.output, .matrix(parameters.output))) }
        return out
    }
}
