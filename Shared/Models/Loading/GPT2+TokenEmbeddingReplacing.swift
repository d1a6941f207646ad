import Tensor

/// GPT2's embedding and head, for the quantizer.
extension GPT2: TokenEmbeddingReplacing {
    var embeddingAndHead: (embedding: WeightMatrix, output: WeightMatrix, tied: Bool) {
        (parameters.tokenEmbedding, parameters.output, parameters.tiedOutput)
    }

    func replacing(embedding: WeightMatrix, output: WeightMatrix) -> any LanguageModel {
        var p = parameters
        p.tokenEmbedding = embedding
        p.output = p.tiedOutput ? embedding : output
        return GPT2(configuration: configuration, parameters: p)
    }
}
