/// Where each OPT weight lives in a Hugging Face checkpoint (llama.cpp has no OPT architecture).
public struct OPTWeightNames: Sendable {
    /// The names of one decoder layer's tensors.
    public struct Layer: Sendable {
        /// The attention's norm, projections and their biases.
        public var attentionNorm, attentionNormBias, query, queryBias, key, keyBias, value, valueBias: String
        /// out_proj, the layer's final_layer_norm, fc1 and fc2.
        public var attentionOutput, attentionOutputBias, ffnNorm, ffnNormBias, up, upBias, down, downBias: String
    }

    /// The embeddings, the optional projections and the final norm.
    public var tokenEmbedding, positionEmbedding, projectIn, projectOut, finalNorm, finalNormBias: String
    /// Absent from the checkpoint when the head is tied to the token embedding.
    public var output: String
    /// The names for layer `i`.
    public var layer: @Sendable (Int) -> Layer

    /// OPTForCausalLM's names under `prefix` ("model.decoder." usually, "decoder." in some older exports).
    public static func huggingFace(prefix: String) -> OPTWeightNames {
        OPTWeightNames(
            tokenEmbedding: prefix + "embed_tokens.weight", positionEmbedding: prefix + "embed_positions.weight",
            projectIn: prefix + "project_in.weight", projectOut: prefix + "project_out.weight",
            finalNorm: prefix + "final_layer_norm.weight", finalNormBias: prefix + "final_layer_norm.bias",
            output: "lm_head.weight",
            layer: { i in
                let p = prefix + "layers.\(i)."
                return Layer(attentionNorm: p + "self_attn_layer_norm.weight",
                             attentionNormBias: p + "self_attn_layer_norm.bias",
                             query: p + "self_attn.q_proj.weight", queryBias: p + "self_attn.q_proj.bias",
                             key: p + "self_attn.k_proj.weight", keyBias: p + "self_attn.k_proj.bias",
                             value: p + "self_attn.v_proj.weight", valueBias: p + "self_attn.v_proj.bias",
                             attentionOutput: p + "self_attn.out_proj.weight",
                             attentionOutputBias: p + "self_attn.out_proj.bias",
                             ffnNorm: p + "final_layer_norm.weight", ffnNormBias: p + "final_layer_norm.bias",
                             up: p + "fc1.weight", upBias: p + "fc1.bias", down: p + "fc2.weight", downBias: p + "fc2.bias")
            })
    }
}
