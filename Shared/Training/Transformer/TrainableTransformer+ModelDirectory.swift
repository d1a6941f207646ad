import Foundation
import Models
import Tensor

/// Building a trainable model from a Hugging Face checkpoint directory (GPT-2, OPT, LLaMA/Qwen2/Mistral).
extension TrainableTransformer {
    /// How the checkpoint's weights are held.
    public enum WeightMode: Sendable, Equatable {
        /// Every tensor copied to F32 and trained (full fine-tuning).
        case trainable
        /// Every tensor frozen (LoRA); the decoder projections re-encoded as `dtype` when given (QLoRA).
        case frozen(quantizingProjectionsTo: DType?)
    }

    /// The fields of config.json the three families need (each family reads its own names).
    struct CheckpointConfig: Decodable {
        var model_type: String?
        var vocab_size: Int?
        // LLaMA / Qwen2 / OPT
        var hidden_size: Int?, intermediate_size: Int?, num_hidden_layers: Int?, num_attention_heads: Int?
        var num_key_value_heads: Int?, head_dim: Int?, max_position_embeddings: Int?, rms_norm_eps: Float?
        var rope_theta: Float?, tie_word_embeddings: Bool?, attention_bias: Bool?
        var ffn_dim: Int?, word_embed_proj_dim: Int?, do_layer_norm_before: Bool?, activation_function: String?
        // GPT-2
        var n_embd: Int?, n_layer: Int?, n_head: Int?, n_inner: Int?, n_positions: Int?, layer_norm_epsilon: Float?
    }

    /// Reads the model at `path` in `mode`.
    public static func load(path: String, mode: WeightMode) throws -> TrainableTransformer {
        let directory = try ModelDirectory(path: path)
        let config: CheckpointConfig
        do { config = try JSONDecoder().decode(CheckpointConfig.self, from: directory.configData) } catch {
            throw TrainingError.invalidArgument("\(path)/config.json: \(error)")
        }
        func need(_ value: Int?, _ field: String) throws -> Int {
            guard let value, value > 0 else { throw TrainingError.invalidArgument("\(path)/config.json: \(field) is missing") }
            return value
        }
        let type = directory.modelType ?? ""
        let architecture: TransformerArchitecture
        switch LoRAModelLayout.family(architecture: type) {
        case .gpt2:
            let d = try need(config.n_embd, "n_embd"), heads = try need(config.n_head, "n_head")
            let shape = ModelShape(architecture: type, vocabularySize: try need(config.vocab_size, "vocab_size"),
                                   contextLength: try need(config.n_positions, "n_positions"), hiddenSize: d,
                                   layerCount: try need(config.n_layer, "n_layer"), heads: heads, kvHeads: heads,
                                   headDim: d / heads, ffnWidth: config.n_inner ?? 4 * d, embeddingWidth: d, gatedFFN: false)
            architecture = .gpt2(shape: shape, layerNormEps: config.layer_norm_epsilon ?? 1e-5)
        case .opt:
            let d = try need(config.hidden_size, "hidden_size"), heads = try need(config.num_attention_heads, "num_attention_heads")
            guard config.do_layer_norm_before ?? true, (config.word_embed_proj_dim ?? d) == d,
                  (config.activation_function ?? "relu") == "relu" else {
                throw TrainingError.invalidArgument("\(path): post-LayerNorm OPT (opt-350m) is not supported for training")
            }
            let shape = ModelShape(architecture: type, vocabularySize: try need(config.vocab_size, "vocab_size"),
                                   contextLength: try need(config.max_position_embeddings, "max_position_embeddings"),
                                   hiddenSize: d, layerCount: try need(config.num_hidden_layers, "num_hidden_layers"),
                                   heads: heads, kvHeads: heads, headDim: d / heads, ffnWidth: try need(config.ffn_dim, "ffn_dim"),
                                   embeddingWidth: d, gatedFFN: false)
            architecture = .opt(shape: shape)
        case .llama:
            let d = try need(config.hidden_size, "hidden_size"), heads = try need(config.num_attention_heads, "num_attention_heads")
            let shape = ModelShape(architecture: type, vocabularySize: try need(config.vocab_size, "vocab_size"),
                                   contextLength: config.max_position_embeddings ?? 2048, hiddenSize: d,
                                   layerCount: try need(config.num_hidden_layers, "num_hidden_layers"), heads: heads,
                                   kvHeads: config.num_key_value_heads ?? heads, headDim: config.head_dim ?? d / heads,
                                   ffnWidth: try need(config.intermediate_size, "intermediate_size"), embeddingWidth: d, gatedFFN: true)
            let biased = type == "qwen2" || (config.attention_bias ?? false)
            architecture = .llama(shape: shape, rmsNormEps: config.rms_norm_eps ?? 1e-6, ropeTheta: config.rope_theta ?? 10_000,
                                  qkvBias: biased, tiedOutput: config.tie_word_embeddings ?? false)
        case nil:
            throw TrainingError.invalidArgument("\(path): model_type '\(type)' cannot be trained (gpt2, opt, llama, qwen2, mistral can)")
        }
        return try CheckpointReader(directory: directory, architecture: architecture, mode: mode).model()
    }
}

/// Maps one checkpoint's tensor names onto the trainable model's parts.
private struct CheckpointReader {
    let directory: ModelDirectory
    let architecture: TransformerArchitecture
    let mode: TrainableTransformer.WeightMode
    var trains: Bool { mode == .trainable }

    /// The stored name, trying the family's optional prefix ("transformer.", "model.").
    func name(_ full: String) throws -> String {
        for candidate in [full, String(full.drop { $0 != "." }.dropFirst())] where directory.contains(candidate) { return candidate }
        throw TrainingError.invalidArgument("\(directory.path): the checkpoint has no tensor \(full)")
    }

    func tensor(_ full: String, transposed: Bool = false) throws -> Tensor {
        let stored = try name(full)
        let shape = try directory.tensor(named: stored).shape
        var values = try directory.floats(named: stored)
        var outShape = shape
        if transposed, shape.count == 2 {
            var t = [Float](repeating: 0, count: values.count)
            for r in 0..<shape[0] { for c in 0..<shape[1] { t[c * shape[0] + r] = values[r * shape[1] + c] } }
            values = t
            outShape = [shape[1], shape[0]]
        }
        return try Tensor(shape: outShape, values: values)
    }

    func parameter(_ full: String, transposed: Bool = false) throws -> TrainableParameter {
        let value = try tensor(full, transposed: transposed)
        return try TrainableParameter(name: full, value: value, gradient: Tensor(shape: value.shape))
    }

    func optionalTensor(_ full: String) throws -> Tensor? {
        (try? name(full)) == nil ? nil : try tensor(full)
    }

    func projection(_ path: String, bias: Bool, conv: Bool = false) throws -> TrainableProjection {
        let b = bias ? try tensor(path + ".bias") : nil
        if trains { return try TrainableProjection(trainable: try parameter(path + ".weight", transposed: conv), bias: b) }
        let weight: WeightMatrix
        if conv {
            let t = try tensor(path + ".weight", transposed: true)
            weight = try WeightMatrix.fromFloat32(t.toArray(), rows: t.shape[0], cols: t.shape[1])
        } else {
            weight = try directory.matrix(named: try name(path + ".weight"))
        }
        if case .frozen(let dtype?) = mode, dtype != weight.dtype {
            return TrainableProjection(frozen: try WeightMatrix.quantize(weight.toFloat32(), rows: weight.rows, cols: weight.cols, to: dtype), bias: b)
        }
        return TrainableProjection(frozen: weight, bias: b)
    }

    func embedding(_ full: String) throws -> TrainableEmbedding {
        trains ? try TrainableEmbedding(trainable: try parameter(full)) : TrainableEmbedding(frozen: try directory.matrix(named: try name(full)))
    }

    func norm(_ path: String) throws -> TrainableNorm {
        let bias = architecture.norm == .layerNorm ? try parameter(path + ".bias") : nil
        return TrainableNorm(kind: architecture.norm, eps: architecture.normEps, weight: try parameter(path + ".weight"),
                             bias: bias, isTrained: trains)
    }

    func model() throws -> TrainableTransformer {
        let s = architecture.shape
        var layers: [TrainableLayer] = []
        let token: TrainableEmbedding, positions: TrainableEmbedding?, finalNorm: TrainableNorm
        switch architecture.feedForward {
        case .geluTanh:  // GPT-2
            token = try embedding("transformer.wte.weight")
            positions = try embedding("transformer.wpe.weight")
            for l in 0..<s.layerCount {
                let p = "transformer.h.\(l)."
                layers.append(TrainableLayer(
                    attentionNorm: try norm(p + "ln_1"), fusedQKV: try projection(p + "attn.c_attn", bias: true, conv: true),
                    query: nil, key: nil, value: nil, attentionOutput: try projection(p + "attn.c_proj", bias: true, conv: true),
                    ffnNorm: try norm(p + "ln_2"), ffnIn: try projection(p + "mlp.c_fc", bias: true, conv: true), gate: nil,
                    ffnOut: try projection(p + "mlp.c_proj", bias: true, conv: true)))
            }
            finalNorm = try norm("transformer.ln_f")
        case .relu:  // OPT
            token = try embedding("model.decoder.embed_tokens.weight")
            positions = try embedding("model.decoder.embed_positions.weight")
            for l in 0..<s.layerCount {
                let p = "model.decoder.layers.\(l)."
                layers.append(TrainableLayer(
                    attentionNorm: try norm(p + "self_attn_layer_norm"), fusedQKV: nil,
                    query: try projection(p + "self_attn.q_proj", bias: true), key: try projection(p + "self_attn.k_proj", bias: true),
                    value: try projection(p + "self_attn.v_proj", bias: true),
                    attentionOutput: try projection(p + "self_attn.out_proj", bias: true), ffnNorm: try norm(p + "final_layer_norm"),
                    ffnIn: try projection(p + "fc1", bias: true), gate: nil, ffnOut: try projection(p + "fc2", bias: true)))
            }
            finalNorm = try norm("model.decoder.final_layer_norm")
        case .swiglu:  // LLaMA, Qwen2, Mistral
            token = try embedding("model.embed_tokens.weight")
            positions = nil
            let qkvBias = architecture.qkvBias
            for l in 0..<s.layerCount {
                let p = "model.layers.\(l)."
                layers.append(TrainableLayer(
                    attentionNorm: try norm(p + "input_layernorm"), fusedQKV: nil,
                    query: try projection(p + "self_attn.q_proj", bias: qkvBias), key: try projection(p + "self_attn.k_proj", bias: qkvBias),
                    value: try projection(p + "self_attn.v_proj", bias: qkvBias),
                    attentionOutput: try projection(p + "self_attn.o_proj", bias: false), ffnNorm: try norm(p + "post_attention_layernorm"),
                    ffnIn: try projection(p + "mlp.up_proj", bias: false), gate: try projection(p + "mlp.gate_proj", bias: false),
                    ffnOut: try projection(p + "mlp.down_proj", bias: false)))
            }
            finalNorm = try norm("model.norm")
        }
        var architecture = self.architecture
        let head: TrainableProjection
        if !architecture.tiedOutput, directory.contains("lm_head.weight") {
            head = try projection("lm_head", bias: false)
        } else {
            architecture.tiedOutput = true
            if let shared = token.trainable {
                head = try TrainableProjection(trainable: shared, bias: nil)
            } else {
                head = TrainableProjection(frozen: token.table, bias: nil)
            }
        }
        return try TrainableTransformer(architecture: architecture, tokenEmbedding: token, positionEmbedding: positions,
                                        layers: layers, finalNorm: finalNorm, head: head)
    }
}
