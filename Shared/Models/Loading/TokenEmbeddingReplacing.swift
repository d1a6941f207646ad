import Tensor

/// A family whose token embedding and output head can be swapped for re-encoded copies (the
/// quantizer's head, which a decode step reads whole: 151936 × 896 floats for Qwen2.5-0.5B).
protocol TokenEmbeddingReplacing {
    /// The token embedding, the output head, and whether they are one matrix.
    var embeddingAndHead: (embedding: WeightMatrix, output: WeightMatrix, tied: Bool) { get }

    /// The same model with `embedding` and `output`; a tied model stays tied and takes `embedding` for both.
    func replacing(embedding: WeightMatrix, output: WeightMatrix) -> any LanguageModel
}
