/// The Hugging Face names of a family's tensors (without ".weight"/".bias"), so trained
/// parameters carry the names their checkpoint uses.
///
/// GPT-2's projections are named as in its checkpoint, but held here [out, in]; its Conv1D
/// files store them [in, out], so a writer transposes them.
struct TransformerParameterNames {
    let family: LoRAModelLayout.Family

    var tokenEmbedding: String {
        switch family {
        case .gpt2: return "transformer.wte"
        case .opt: return "model.decoder.embed_tokens"
        case .llama: return "model.embed_tokens"
        }
    }

    var positionEmbedding: String { family == .gpt2 ? "transformer.wpe" : "model.decoder.embed_positions" }

    var finalNorm: String {
        switch family {
        case .gpt2: return "transformer.ln_f"
        case .opt: return "model.decoder.final_layer_norm"
        case .llama: return "model.norm"
        }
    }

    func layerPrefix(_ l: Int) -> String {
        switch family {
        case .gpt2: return "transformer.h.\(l)."
        case .opt: return "model.decoder.layers.\(l)."
        case .llama: return "model.layers.\(l)."
        }
    }

    /// (attention norm, ffn norm) of layer `l`.
    func norms(_ l: Int) -> (String, String) {
        let p = layerPrefix(l)
        switch family {
        case .gpt2: return (p + "ln_1", p + "ln_2")
        case .opt: return (p + "self_attn_layer_norm", p + "final_layer_norm")
        case .llama: return (p + "input_layernorm", p + "post_attention_layernorm")
        }
    }

    /// The module name of a projection role in layer `l` ("qkv", "q", "k", "v", "o", "in", "gate", "out").
    func projection(_ role: String, _ l: Int) -> String {
        let names: [String: String]
        switch family {
        case .gpt2: names = ["qkv": "attn.c_attn", "o": "attn.c_proj", "in": "mlp.c_fc", "out": "mlp.c_proj"]
        case .opt: names = ["q": "self_attn.q_proj", "k": "self_attn.k_proj", "v": "self_attn.v_proj",
                            "o": "self_attn.out_proj", "in": "fc1", "out": "fc2"]
        case .llama: names = ["q": "self_attn.q_proj", "k": "self_attn.k_proj", "v": "self_attn.v_proj", "o": "self_attn.o_proj",
                              "in": "mlp.up_proj", "gate": "mlp.gate_proj", "out": "mlp.down_proj"]
        }
        return layerPrefix(l) + (names[role] ?? role)
    }
}
