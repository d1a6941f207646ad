import Tensor

/// OPT's embedding and head, for the quantizer.
extension OPT: TokenEmbeddingReplacing {
    var embeddingAndHead: (embedding: WeightMatrix, output: WeightMatrix, tied: Bool) {
        (parameters.tokenEmbedding, parameters.output, parameters.tiedOutput)
    }

    func replacing(embedding: WeightMatrix, output: WeightMatrix) -> any LanguageModel {
        var p = parameters
        p.tokenEmbedding = embedding
        p.output = p.tiedOutput ? embedding : output
        return OPT(configuration: configuration, parameters: p)
    }
}
