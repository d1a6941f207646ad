import Models

/// Where a linear weight of a loaded inference model (named the GGUF way, as
/// `LanguageModel.mapLinearWeights` names it) sits in PEFT's module paths: the module and the
/// rows of its output that the weight holds (GPT-2's fused c_attn feeds three split weights).
struct AdapterWeightTarget: Equatable {
    /// PEFT module path ("model.layers.0.self_attn.q_proj").
    let modulePath: String
    /// The module's output rows this weight holds.
    let rows: Range<Int>

    /// The target of `ggufName` in a model of `layout`'s family and `shape`, or nil for weights
    /// no adapter can wrap (the output head).
    static func of(ggufName name: String, family: LoRAModelLayout.Family, shape: ModelShape) -> AdapterWeightTarget? {
        let parts = name.split(separator: ".")
        guard parts.count == 4, parts[0] == "blk", parts[3] == "weight", let layer = Int(parts[1]) else { return nil }
        let leaf = String(parts[2])
        func whole(_ path: String, _ outFeatures: Int) -> AdapterWeightTarget {
            AdapterWeightTarget(modulePath: path, rows: 0..<outFeatures)
        }
        let h = shape.hiddenSize, f = shape.ffnWidth
        switch family {
        case .llama:
            let p = "model.layers.\(layer)."
            switch leaf {
            case "attn_q": return whole(p + "self_attn.q_proj", shape.queryWidth)
            case "attn_k": return whole(p + "self_attn.k_proj", shape.kvWidth)
            case "attn_v": return whole(p + "self_attn.v_proj", shape.kvWidth)
            case "attn_output": return whole(p + "self_attn.o_proj", h)
            case "ffn_gate": return whole(p + "mlp.gate_proj", f)
            case "ffn_up": return whole(p + "mlp.up_proj", f)
            case "ffn_down": return whole(p + "mlp.down_proj", h)
            default: return nil
            }
        case .opt:
            let p = "model.decoder.layers.\(layer)."
            switch leaf {
            case "attn_q": return whole(p + "self_attn.q_proj", h)
            case "attn_k": return whole(p + "self_attn.k_proj", h)
            case "attn_v": return whole(p + "self_attn.v_proj", h)
            case "attn_output": return whole(p + "self_attn.out_proj", h)
            case "ffn_up": return whole(p + "fc1", f)
            case "ffn_down": return whole(p + "fc2", h)
            default: return nil
            }
        case .gpt2:
            let p = "transformer.h.\(layer)."
            switch leaf {
            case "attn_q": return AdapterWeightTarget(modulePath: p + "attn.c_attn", rows: 0..<h)
            case "attn_k": return AdapterWeightTarget(modulePath: p + "attn.c_attn", rows: h..<2 * h)
            case "attn_v": return AdapterWeightTarget(modulePath: p + "attn.c_attn", rows: 2 * h..<3 * h)
            case "attn_output": return whole(p + "attn.c_proj", h)
            case "ffn_up": return whole(p + "mlp.c_fc", f)
            case "ffn_down": return whole(p + "mlp.c_proj", h)
            default: return nil
            }
        }
    }
}
