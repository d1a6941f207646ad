import Foundation
import Models
import Tensor

/// Writes a LLaMA/Qwen2 GGUF model as a Hugging Face Float32 checkpoint directory (config.json and
/// model.safetensors), every quantized weight dequantized: the fp32 base that LoRA, full
/// fine-tuning and PyTorch train on, holding exactly the numbers QLoRA's 4-bit base decodes to.
enum Float32ModelExport {
    /// Why the model could not be exported.
    struct Failure: Error, CustomStringConvertible {
        /// The message.
        let description: String
    }

    /// The directory for `gguf` under the benchmark cache, written when absent; the Bool says whether it was reused.
    static func directory(for gguf: String, cache: String) throws -> (path: String, reused: Bool) {
        let stem = ((gguf as NSString).lastPathComponent as NSString).deletingPathExtension
        let directory = (cache as NSString).appendingPathComponent("\(stem)-f32")
        let config = (directory as NSString).appendingPathComponent("config.json")
        let weights = (directory as NSString).appendingPathComponent("model.safetensors")
        // config.json is written last, after the safetensors file was renamed into place.
        if FileManager.default.fileExists(atPath: config), FileManager.default.fileExists(atPath: weights) {
            return (directory, true)
        }
        let loaded = try LoadedModel.load(path: gguf)
        guard let llama = loaded.model as? Llama else {
            throw Failure(description: "\(gguf): the benchmark converts LLaMA-style GGUF files only, this is \(loaded.model.shape.architecture)")
        }
        guard llama.ropeStyle == .halves else {
            // llama.cpp permuted this file's q/k rows; PyTorch and the F32 checkpoint need Hugging Face's order.
            throw Failure(description: "\(gguf): q/k rows are in llama.cpp's interleaved order (arch llama); give the Hugging Face directory instead")
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try write(llama, to: weights)
        try configJSON(llama).write(to: URL(fileURLWithPath: config))
        return (directory, false)
    }

    /// model.safetensors: every tensor as F32 under its Hugging Face name (a tied head is not stored).
    static func write(_ llama: Llama, to path: String) throws {
        let names = huggingFaceNames(layers: llama.shape.layerCount)
        var writer = SafetensorsWriter(metadata: ["format": "pt"])
        for (ggufName, weight) in llama.namedWeights {
            guard let name = names[ggufName] else {
                throw Failure(description: "no Hugging Face name for the GGUF tensor \(ggufName)")
            }
            switch weight {
            case .matrix(let m):
                let f32 = m.dtype == .f32 ? m : try WeightMatrix.fromFloat32(m.toFloat32(), rows: m.rows, cols: m.cols)
                try writer.add(name, matrix: f32)
            case .vector(let v):
                try writer.add(name, floats: v.array, shape: [v.count])
            }
        }
        try writer.write(to: path)
    }

    /// llama.cpp's tensor names mapped to Hugging Face's, for `layers` layers.
    static func huggingFaceNames(layers: Int) -> [String: String] {
        let gguf = LlamaWeightNames.gguf, hf = LlamaWeightNames.huggingFace
        var map = [gguf.tokenEmbedding: hf.tokenEmbedding, gguf.finalNorm: hf.finalNorm, gguf.output: hf.output]
        let fields: [KeyPath<LlamaWeightNames.Layer, String>] = [
            \.attentionNorm, \.query, \.key, \.value, \.queryBias, \.keyBias, \.valueBias, \.attentionOutput,
            \.attentionOutputBias, \.ffnNorm, \.gate, \.up, \.down,
        ]
        for l in 0..<layers {
            let from = gguf.layer(l), to = hf.layer(l)
            for field in fields { map[from[keyPath: field]] = to[keyPath: field] }
        }
        return map
    }

    /// config.json as transformers reads it for Qwen2ForCausalLM / LlamaForCausalLM, F32.
    static func configJSON(_ llama: Llama) throws -> Data {
        let c = llama.configuration
        let qwen = c.modelType == "qwen2"
        var config: [String: Any] = [
            "architectures": [qwen ? "Qwen2ForCausalLM" : "LlamaForCausalLM"],
            "model_type": qwen ? "qwen2" : "llama",
            "vocab_size": c.vocabSize, "hidden_size": c.hiddenSize, "intermediate_size": c.intermediateSize,
            "num_hidden_layers": c.numHiddenLayers, "num_attention_heads": c.numAttentionHeads,
            "num_key_value_heads": c.numKeyValueHeads ?? c.numAttentionHeads,
            "max_position_embeddings": c.maxPositionEmbeddings, "rms_norm_eps": Double(c.rmsNormEps),
            "rope_theta": Double(c.ropeTheta ?? 10_000), "tie_word_embeddings": llama.parameters.tiedOutput,
            "hidden_act": "silu", "torch_dtype": "float32", "use_cache": false,
        ]
        if let headDim = c.headDim { config["head_dim"] = headDim }
        if !qwen { config["attention_bias"] = llama.parameters.layers.first?.queryBias != nil }
        return try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted, .sortedKeys])
    }
}
