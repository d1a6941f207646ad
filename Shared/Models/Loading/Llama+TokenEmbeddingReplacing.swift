import Tensor

/// Llama's embedding and head, for the quantizer.
extension Llama: TokenEmbeddingReplacing {
    var embeddingAndHead: (embedding: WeightMatrix, output: WeightMatrix, tied: Bool) {
        (parameters.tokenEmbedding, parameters.output, parameters.tiedOutput)
    }

    func replacing(embedding: WeightMatrix, output: WeightMatrix) -> any LanguageModel {
        var p = parameters
        p.tokenEmbedding = embedding
        p.output = p.tiedOutput ? embedding : output
        return Llama(configuration: configuration, parameters: p, ropeStyle: ropeStyle)
    }
}
