/// Every intermediate buffer of a forward pass, sized for `batchCapacity` tokens at once and
/// allocated once per session, so the per-token loop allocates nothing (llm.c's ActivationTensors).
public final class Activations: @unchecked Sendable {
    /// Tokens a single forward call can process.
    public let batchCapacity: Int
    /// Positions the attention scores can span.
    public let contextCapacity: Int
    /// Residual stream, [batch, hiddenSize].
    public let residual: FloatBuffer
    /// Normalised input of a sublayer, [batch, hiddenSize].
    public let normed: FloatBuffer
    /// Concatenated query heads, [batch, queryWidth].
    public let query: FloatBuffer
    /// Attention output before its projection, [batch, queryWidth].
    public let attention: FloatBuffer
    /// A sublayer's output before it is added to the residual stream, [batch, hiddenSize].
    public let sublayer: FloatBuffer
    /// Feed-forward hidden layer (the gate under SwiGLU), [batch, ffnWidth].
    public let ffnHidden: FloatBuffer
    /// SwiGLU's up projection, [batch, ffnWidth] (empty for ungated families).
    public let ffnUp: FloatBuffer
    /// Token embeddings at the embedding width (OPT's project_in input, project_out output), [batch, embeddingWidth].
    public let embedded: FloatBuffer
    /// Attention scores of one head, [batch, contextCapacity].
    public let scores: FloatBuffer
    /// One row of scratch, [max(hiddenSize, embeddingWidth)].
    public let row: FloatBuffer

    /// Allocates the buffers for `shape`.
    public init(shape: ModelShape, batchCapacity: Int, contextCapacity: Int) {
        self.batchCapacity = batchCapacity
        self.contextCapacity = contextCapacity
        let b = batchCapacity
        residual = FloatBuffer(count: b * shape.hiddenSize)
        normed = FloatBuffer(count: b * shape.hiddenSize)
        query = FloatBuffer(count: b * shape.queryWidth)
        attention = FloatBuffer(count: b * shape.queryWidth)
        sublayer = FloatBuffer(count: b * shape.hiddenSize)
        ffnHidden = FloatBuffer(count: b * shape.ffnWidth)
        ffnUp = FloatBuffer(count: shape.gatedFFN ? b * shape.ffnWidth : 0)
        embedded = FloatBuffer(count: b * shape.embeddingWidth)
        scores = FloatBuffer(count: b * contextCapacity)
        row = FloatBuffer(count: max(shape.hiddenSize, shape.embeddingWidth))
    }

    /// Bytes held by all buffers.
    public var byteCount: Int {
        [residual, normed, query, attention, sublayer, ffnHidden, ffnUp, embedded, scores, row]
            .reduce(0) { $0 + $1.count * MemoryLayout<Float>.stride }
    }
}
