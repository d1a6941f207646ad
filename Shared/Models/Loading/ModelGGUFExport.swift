import Tensor

/// Saves a LLaMA/Qwen2 model (any variant) as a GGUF file llama.cpp can run: llama.cpp's tensor
/// names and `<arch>.*` metadata, q/k rows permuted for arch "llama", tokenizer metadata copied
/// from a source GGUF when one is given.
public enum ModelGGUFExport {
    /// Writes `model` to `path`; `tokenizerFrom` supplies the `tokenizer.ggml.*` keys llama.cpp needs.
    public static func write(_ model: any LanguageModel, to path: String, name: String,
                             tokenizerFrom source: GGUFFile? = nil) throws {
        guard let llama = model as? Llama else {
            throw ModelError.unsupported(source: path, feature: "GGUF export of \(model.shape.architecture)"
                + " (llama.cpp's GGUF layout is written for llama and qwen2)")
        }
        let c = llama.configuration, s = llama.shape
        let arch = c.modelType == "qwen2" ? "qwen2" : "llama"
        var writer = GGUFWriter()
        try writer.set("general.architecture", .string(arch))
        try writer.set("general.name", .string(name))
        try writer.set("\(arch).context_length", .uint32(UInt32(s.contextLength)))
        try writer.set("\(arch).embedding_length", .uint32(UInt32(s.hiddenSize)))
        try writer.set("\(arch).block_count", .uint32(UInt32(s.layerCount)))
        try writer.set("\(arch).feed_forward_length", .uint32(UInt32(s.ffnWidth)))
        try writer.set("\(arch).attention.head_count", .uint32(UInt32(s.heads)))
        try writer.set("\(arch).attention.head_count_kv", .uint32(UInt32(s.kvHeads)))
        try writer.set("\(arch).rope.freq_base", .float32(c.ropeTheta ?? 10000))
        try writer.set("\(arch).attention.layer_norm_rms_epsilon", .float32(c.rmsNormEps))
        if c.headDim != nil {
            try writer.set("\(arch).attention.key_length", .uint32(UInt32(s.headDim)))
            try writer.set("\(arch).attention.value_length", .uint32(UInt32(s.headDim)))
        }
        if let source {
            for key in source.metadataKeys where key.hasPrefix("tokenizer.") {
                if let value = source.value(key) { try writer.set(key, value) }
            }
        }
        // llama.cpp rotates adjacent pairs for arch "llama"; a model read with Hugging Face's
        // halves convention gets its q/k rows reordered to match, as llama.cpp's converter does.
        let permute = arch == "llama" && llama.ropeStyle == .halves
        let names = LlamaWeightNames.gguf
        let permuted: [String: Int] = permute ? Dictionary(uniqueKeysWithValues: (0..<s.layerCount).flatMap {
            [(names.layer($0).query, s.heads), (names.layer($0).key, s.kvHeads),
             (names.layer($0).queryBias, s.heads), (names.layer($0).keyBias, s.kvHeads)]
        }) : [:]
        for (tensorName, weight) in llama.namedWeights {
            switch weight {
            case .matrix(let m):
                let stored = try permuted[tensorName].map { try interleaveRows(m, heads: $0) } ?? m
                try writer.add(tensorName, matrix: stored)
            case .vector(let v):
                var values = v.array
                if let heads = permuted[tensorName] { values = interleave(values, heads: heads) }
                try writer.add(tensorName, floats: values, dimensions: [values.count])
            }
        }
        try writer.write(to: path)
    }

    /// The row order llama.cpp's converter gives q/k: within each head, row i of the first half and
    /// row i of the second half become rows 2i and 2i+1. Rows move whole, so any dtype works.
    static func interleaveRows(_ m: WeightMatrix, heads: Int) throws -> WeightMatrix {
        guard m.lowRank == nil else {
            throw ModelError.unsupported(source: "GGUF export", feature: "a weight carrying a low-rank adapter term (merge the adapter first)")
        }
        let out = try WeightMatrix.owned(rows: m.rows, cols: m.cols, dtype: m.dtype)
        guard let destination = out.mutableBytes else {
            throw ModelError.unsupported(source: "GGUF export", feature: "writing into a borrowed matrix")
        }
        let order = interleavedOrder(rows: m.rows, heads: heads)
        for (newRow, oldRow) in order.enumerated() {
            (destination + newRow * m.rowBytes).copyMemory(from: m.bytes + oldRow * m.rowBytes, byteCount: m.rowBytes)
        }
        return out
    }

    /// A bias reordered like `interleaveRows`.
    static func interleave(_ values: [Float], heads: Int) -> [Float] {
        interleavedOrder(rows: values.count, heads: heads).map { values[$0] }
    }

    /// For each new row, the old row it comes from.
    static func interleavedOrder(rows: Int, heads: Int) -> [Int] {
        let headDim = rows / heads, half = headDim / 2
        var order: [Int] = []
        order.reserveCapacity(rows)
        for h in 0..<heads {
            for i in 0..<half {
                order.append(h * headDim + i)
                order.append(h * headDim + half + i)
            }
        }
        return order
    }
}
