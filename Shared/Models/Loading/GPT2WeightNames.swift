/// Where each GPT-2 weight lives in a checkpoint: Hugging Face names (with or without the
/// "transformer." prefix GPT2LMHeadModel adds) and llama.cpp's GGUF names.
public struct GPT2WeightNames: Sendable {
    /// The names of one block's tensors; the attention's q/k/v are one fused tensor.
    public struct Layer: Sendable {
        /// ln_1, the fused c_attn and c_proj of the attention.
        public var attentionNorm, attentionNormBias, qkv, qkvBias, attentionOutput, attentionOutputBias: String
        /// ln_2 and the MLP's c_fc and c_proj.
        public var ffnNorm, ffnNormBias, up, upBias, down, downBias: String
    }

    /// The embeddings and the final norm.
    public var tokenEmbedding, positionEmbedding, finalNorm, finalNormBias: String
    /// Absent from the checkpoint when the head is tied to the token embedding.
    public var output: String
    /// True when linear weights are stored [in, out] (Hugging Face's Conv1D) and must be transposed.
    public var conv1DLayout: Bool
    /// The names for block `i`.
    public var layer: @Sendable (Int) -> Layer

    /// Hugging Face's names under `prefix` ("" for openai-community/gpt2, "transformer." for save_pretrained output).
    public static func huggingFace(prefix: String) -> GPT2WeightNames {
        GPT2WeightNames(
            tokenEmbedding: prefix + "wte.weight", positionEmbedding: prefix + "wpe.weight",
            finalNorm: prefix + "ln_f.weight", finalNormBias: prefix + "ln_f.bias", output: "lm_head.weight",
            conv1DLayout: true,
            layer: { i in
                let p = prefix + "h.\(i)."
                return Layer(attentionNorm: p + "ln_1.weight", attentionNormBias: p + "ln_1.bias",
                             qkv: p + "attn.c_attn.weight", qkvBias: p + "attn.c_attn.bias",
                             attentionOutput: p + "attn.c_proj.weight", attentionOutputBias: p + "attn.c_proj.bias",
                             ffnNorm: p + "ln_2.weight", ffnNormBias: p + "ln_2.bias",
                             up: p + "mlp.c_fc.weight", upBias: p + "mlp.c_fc.bias",
                             down: p + "mlp.c_proj.weight", downBias: p + "mlp.c_proj.bias")
            })
    }

    /// llama.cpp's names for arch "gpt2" GGUF files (weights already [out, in]).
    public static let gguf = GPT2WeightNames(
        tokenEmbedding: "token_embd.weight", positionEmbedding: "position_embd.weight",
        finalNorm: "output_norm.weight", finalNormBias: "output_norm.bias", output: "output.weight",
        conv1DLayout: false,
        layer: { i in
            let p = "blk.\(i)."
            return Layer(attentionNorm: p + "attn_norm.weight", attentionNormBias: p + "attn_norm.bias",
                         qkv: p + "attn_qkv.weight", qkvBias: p + "attn_qkv.bias",
                         attentionOutput: p + "attn_output.weight", attentionOutputBias: p + "attn_output.bias",
                         ffnNorm: p + "ffn_norm.weight", ffnNormBias: p + "ffn_norm.bias",
                         up: p + "ffn_up.weight", upBias: p + "ffn_up.bias",
                         down: p + "ffn_down.weight", downBias: p + "ffn_down.bias")
        })
}
