import Tensor

/// A decoder-only transformer that can run a forward pass over a batch of new tokens.
///
/// Families (GPT2, OPT, Llama) conform; `InferenceSession` owns the KV cache and activations
/// and checks the inputs, so `forward` itself trusts them.
public protocol LanguageModel: AnyObject, Sendable {
    /// The sizes activations and caches are allocated from.
    var shape: ModelShape { get }

    /// Runs `tokens` at positions cache.count..<cache.count+tokens.count, writing their keys and
    /// values into `cache` (without advancing it), and writes logits [vocab] of the last token,
    /// or [tokens.count, vocab] of every token when `allPositions` is true.
    /// Requires tokens.count <= activations.batchCapacity, every id < vocabularySize, and room in the cache.
    func forward(_ tokens: UnsafeBufferPointer<Int32>, cache: KVCache, activations: Activations,
                 logits: UnsafeMutablePointer<Float>, allPositions: Bool)

    /// The same model with every linear layer's weight replaced by `transform(name, weight)`;
    /// `name` is the weight's GGUF name (blk.0.attn_q.weight), embeddings and norms are kept.
    func mapLinearWeights(_ transform: (String, WeightMatrix) throws -> WeightMatrix) throws -> any LanguageModel

    /// Every weight the model holds under its GGUF name, matrices and vectors, in GGUF order.
    var namedWeights: [(name: String, weight: NamedWeight)] { get }
}

/// One weight of a model as it would be saved: a matrix in its stored dtype or a Float32 vector.
public enum NamedWeight {
    /// A [rows, cols] matrix.
    case matrix(WeightMatrix)
    /// A norm weight or a bias.
    case vector(FloatBuffer)
}
