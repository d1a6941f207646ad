import Tensor

extension GGUFFile {
    /// The architecture llama.cpp recorded in general.architecture ("llama", "qwen2", "gpt2").
    public var architecture: String? { try? string("general.architecture") }

    /// A LLaMA/Qwen2 configuration from the `<arch>.*` metadata llama.cpp writes.
    public func llamaConfiguration() throws -> Llama.Configuration {
        let arch = try string("general.architecture")
        let heads = try integer("\(arch).attention.head_count")
        let hidden = try integer("\(arch).embedding_length")
        if let kind = try? string("\(arch).rope.scaling.type"), kind != "none" {
            throw ModelError.unsupported(source: path, feature: "\(arch).rope.scaling.type = \(kind)")
        }
        return Llama.Configuration(
            modelType: arch, vocabSize: try vocabularySize(arch: arch), hiddenSize: hidden,
            intermediateSize: try integer("\(arch).feed_forward_length"),
            numHiddenLayers: try integer("\(arch).block_count"), numAttentionHeads: heads,
            numKeyValueHeads: contains(key: "\(arch).attention.head_count_kv")
                ? try integer("\(arch).attention.head_count_kv") : nil,
            headDim: contains(key: "\(arch).attention.key_length") ? try integer("\(arch).attention.key_length") : nil,
            maxPositionEmbeddings: try integer("\(arch).context_length"),
            rmsNormEps: try float("\(arch).attention.layer_norm_rms_epsilon"),
            ropeTheta: contains(key: "\(arch).rope.freq_base") ? try float("\(arch).rope.freq_base") : nil,
            tieWordEmbeddings: !contains(LlamaWeightNames.gguf.output))
    }

    /// A GPT-2 configuration from the `gpt2.*` metadata llama.cpp writes.
    public func gpt2Configuration() throws -> GPT2.Configuration {
        GPT2.Configuration(
            vocabSize: try vocabularySize(arch: "gpt2"), nPositions: try integer("gpt2.context_length"),
            nEmbd: try integer("gpt2.embedding_length"), nLayer: try integer("gpt2.block_count"),
            nHead: try integer("gpt2.attention.head_count"), nInner: try integer("gpt2.feed_forward_length"),
            layerNormEpsilon: try float("gpt2.attention.layer_norm_epsilon"), activationFunction: .geluNew)
    }

    /// `<arch>.vocab_size` when written, else the rows of token_embd.weight (llama.cpp often omits the key).
    func vocabularySize(arch: String) throws -> Int {
        if contains(key: "\(arch).vocab_size") { return try integer("\(arch).vocab_size") }
        let dims = try tensor(named: "token_embd.weight").dimensions
        guard dims.count == 2 else {
            throw ModelError.shapeMismatch(source: path, name: "token_embd.weight", expected: [-1, -1],
                                           found: dims.reversed())
        }
        return dims[1]
    }
}
