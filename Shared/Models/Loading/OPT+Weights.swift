import Tensor

extension OPT {
    /// GGUF-style names for OPT's tensors (llama.cpp has no OPT architecture; these only label variants).
    static func name(_ i: Int, _ part: String) -> String { "blk.\(i).\(part)" }

    /// An OPT whose attention and feed-forward weights are `transform`ed.
    public func mapLinearWeights(_ transform: (String, WeightMatrix) throws -> WeightMatrix) throws -> any LanguageModel {
        var p = parameters
        for i in p.layers.indices {
            p.layers[i].query = try transform(Self.name(i, "attn_q.weight"), p.layers[i].query)
            p.layers[i].key = try transform(Self.name(i, "attn_k.weight"), p.layers[i].key)
            p.layers[i].value = try transform(Self.name(i, "attn_v.weight"), p.layers[i].value)
            p.layers[i].attentionOutput = try transform(Self.name(i, "attn_output.weight"), p.layers[i].attentionOutput)
            p.layers[i].up = try transform(Self.name(i, "ffn_up.weight"), p.layers[i].up)
            p.layers[i].down = try transform(Self.name(i, "ffn_down.weight"), p.layers[i].down)
        }
        if !p.tiedOutput { p.output = try transform("output.weight", p.output) }
        return OPT(configuration: configuration, parameters: p)
    }

    /// Every weight under llama.cpp-style names.
    public var namedWeights: [(name: String, weight: NamedWeight)] {
        var out: [(name: String, weight: NamedWeight)] = [
            ("token_embd.weight", .matrix(parameters.tokenEmbedding)),
            ("position_embd.weight", .matrix(parameters.positionEmbedding)),
        ]
        if let m = parameters.projectIn { out.append(("project_in.weight", .matrix(m))) }
        for (i, l) in parameters.layers.enumerated() {
            out += [
                (Self.name(i, "attn_norm.weight"), .vector(l.attentionNorm)), (Self.name(i, "attn_norm.bias"), .vector(l.attentionNormBias)),
                (Self.name(i, "attn_q.weight"), .matrix(l.query)), (Self.name(i, "attn_q.bias"), .vector(l.queryBias)),
                (Self.name(i, "attn_k.weight"), .matrix(l.key)), (Self.name(i, "attn_k.bias"), .vector(l.keyBias)),
                (Self.name(i, "attn_v.weight"), .matrix(l.value)), (Self.name(i, "attn_v.bias"), .vector(l.valueBias)),
                (Self.name(i, "attn_output.weight"), .matrix(l.attentionOutput)),
                (Self.name(i, "attn_output.bias"), .vector(l.attentionOutputBias)),
                (Self.name(i, "ffn_norm.weight"), .vector(l.ffnNorm)), (Self.name(i, "ffn_norm.bias"), .vector(l.ffnNormBias)),
                (Self.name(i, "ffn_up.weight"), .matrix(l.up)), (Self.name(i, "ffn_up.bias"), .vector(l.upBias)),
                (Self.name(i, "ffn_down.weight"), .matrix(l.down)), (Self.name(i, "ffn_down.bias"), .vector(l.downBias)),
            ]
        }
        if let w = parameters.finalNorm { out.append(("output_norm.weight", .vector(w))) }
        if let b = parameters.finalNormBias { out.append(("output_norm.bias", .vector(b))) }
        if let m = parameters.projectOut { out.append(("project_out.weight", .matrix(m))) }
        if !parameters.tiedOutput { out.append(("output.weight", .matrix(parameters.output))) }
        return out
    }
}
