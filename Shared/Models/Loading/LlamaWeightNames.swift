/// Where each LLaMA/Qwen2 weight lives in a checkpoint: Hugging Face names and llama.cpp's GGUF names.
public struct LlamaWeightNames: Sendable {
    /// The names of one decoder layer's tensors.
    public struct Layer: Sendable {
        /// The attention's norm, projections and their biases.
        public var attentionNorm, query, key, value, queryBias, keyBias, valueBias: String
        /// The attention's output projection and the SwiGLU block.
        public var attentionOutput, attentionOutputBias, ffnNorm, gate, up, down: String
    }

    /// The [vocab, hidden] token embedding.
    public var tokenEmbedding: String
    /// The norm after the last layer.
    public var finalNorm: String
    /// Absent from the checkpoint when the head is tied to the token embedding.
    public var output: String
    /// The names for layer `i`.
    public var layer: @Sendable (Int) -> Layer

    /// Hugging Face's LlamaForCausalLM / Qwen2ForCausalLM / MistralForCausalLM names.
    public static let huggingFace = LlamaWeightNames(
        tokenEmbedding: "model.embed_tokens.weight", finalNorm: "model.norm.weight", output: "lm_head.weight",
        layer: { i in
            let p = "model.layers.\(i)."
            return Layer(attentionNorm: p + "input_layernorm.weight",
                         query: p + "self_attn.q_proj.weight", key: p + "self_attn.k_proj.weight",
                         value: p + "self_attn.v_proj.weight", queryBias: p + "self_attn.q_proj.bias",
                         keyBias: p + "self_attn.k_proj.bias", valueBias: p + "self_attn.v_proj.bias",
                         attentionOutput: p + "self_attn.o_proj.weight", attentionOutputBias: p + "self_attn.o_proj.bias",
                         ffnNorm: p + "post_attention_layernorm.weight", gate: p + "mlp.gate_proj.weight",
                         up: p + "mlp.up_proj.weight", down: p + "mlp.down_proj.weight")
        })

    /// llama.cpp's names for arch "llama" and "qwen2" GGUF files.
    public static let gguf = LlamaWeightNames(
        tokenEmbedding: "token_embd.weight", finalNorm: "output_norm.weight", output: "output.weight",
        layer: { i in
            let p = "blk.\(i)."
            return Layer(attentionNorm: p + "attn_norm.weight",
                         query: p + "attn_q.weight", key: p + "attn_k.weight", value: p + "attn_v.weight",
                         queryBias: p + "attn_q.bias", keyBias: p + "attn_k.bias", valueBias: p + "attn_v.bias",
                         attentionOutput: p + "attn_output.weight", attentionOutputBias: p + "attn_output.bias",
                         ffnNorm: p + "ffn_norm.weight", gate: p + "ffn_gate.weight", up: p + "ffn_up.weight",
                         down: p + "ffn_down.weight")
        })
}
