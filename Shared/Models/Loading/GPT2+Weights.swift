import Tensor

extension GPT2 {
    /// GGUF-style names for the split q/k/v (llama.cpp itself stores GPT-2's as one attn_qkv).
    static func splitNames(_ i: Int) -> (query: String, key: String, value: String) {
        ("blk.\(i).attn_q.weight", "blk.\(i).attn_k.weight", "blk.\(i).attn_v.weight")
    }

    /// A GPT-2 whose q/k/v, projections and MLP weights are `transform`ed.
    public func mapLinearWeights(_ transform: (String, WeightMatrix) throws -> WeightMatrix) throws -> any LanguageModel {
        var p = parameters
        let names = GPT2WeightNames.gguf
        for i in p.layers.indices {
            let n = names.layer(i), split = Self.splitNames(i)
            p.layers[i].query = try transform(split.query, p.layers[i].query)
            p.layers[i].key = try transform(split.key, p.layers[i].key)
            p.layers[i].value = try transform(split.value, p.layers[i].value)
            p.layers[i].attentionOutput = try transform(n.attentionOutput, p.layers[i].attentionOutput)
            p.layers[i].up = try transform(n.up, p.layers[i].up)
            p.layers[i].down = try transform(n.down, p.layers[i].down)
        }
        if !p.tiedOutput { p.output = try transform(names.output, p.output) }
        return GPT2(configuration: configuration, parameters: p)
    }

    /// Every weight under llama.cpp-style names (q/k/v split).
    public var namedWeights: [(name: String, weight: NamedWeight)] {
        let names = GPT2WeightNames.gguf
        var out: [(name: String, weight: NamedWeight)] = [
            (names.tokenEmbedding, .matrix(parameters.tokenEmbedding)),
            (names.positionEmbedding, .matrix(parameters.positionEmbedding)),
        ]
        for (i, layer) in parameters.layers.enumerated() {
            let n = names.layer(i), split = Self.splitNames(i)
            out += [
                (n.attentionNorm, .vector(layer.attentionNorm)), (n.attentionNormBias, .vector(layer.attentionNormBias)),
                (split.query, .matrix(layer.query)), ("blk.\(i).attn_q.bias", .vector(layer.queryBias)),
                (split.key, .matrix(layer.key)), ("blk.\(i).attn_k.bias", .vector(layer.keyBias)),
                (split.value, .matrix(layer.value)), ("blk.\(i).attn_v.bias", .vector(layer.valueBias)),
                (n.attentionOutput, .matrix(layer.attentionOutput)), (n.attentionOutputBias, .vector(layer.attentionOutputBias)),
                (n.ffnNorm, .vector(layer.ffnNorm)), (n.ffnNormBias, .vector(layer.ffnNormBias)),
                (n.up, .matrix(layer.up)), (n.upBias, .vector(layer.upBias)),
                (n.down, .matrix(layer.down)), (n.downBias, .vector(layer.downBias)),
            ]
        }
        out += [(names.finalNorm, .vector(parameters.finalNorm)), (names.finalNormBias, .vector(parameters.finalNormBias))]
        if !parameters.tiedOutput { out.append((names.output, .matrix(parameters.output))) }
        return out
    }
}
