/// One conversation's state with a model: its KV cache and activations, allocated once, and the
/// checks that keep a forward pass inside them.
public final class InferenceSession: @unchecked Sendable {
    /// The model this session runs.
    public let model: any LanguageModel
    /// Keys and values of every position processed so far.
    public let cache: KVCache
    /// The forward pass's buffers.
    public let activations: Activations

    /// Tokens processed so far (the position of the next token).
    public var position: Int { cache.count }
    /// The most positions this session can hold.
    public var contextCapacity: Int { cache.capacity }
    /// The most tokens one forward call runs at once; longer inputs are split into chunks of this size.
    public var batchCapacity: Int { activations.batchCapacity }
    /// Logits per token.
    public var vocabularySize: Int { model.shape.vocabularySize }

    /// Allocates a cache for `contextCapacity` positions (default: the model's context length, at most
    /// 4096) and activations for `batchCapacity` tokens per forward call.
    public init(model: any LanguageModel, contextCapacity: Int? = nil, batchCapacity: Int = 256) {
        let shape = model.shape
        let context = max(1, min(contextCapacity ?? min(shape.contextLength, 4096), shape.contextLength))
        self.model = model
        self.cache = KVCache(layers: shape.layerCount, capacity: context, width: shape.kvWidth)
        self.activations = Activations(shape: shape, batchCapacity: max(1, min(batchCapacity, context)),
                                       contextCapacity: context)
    }

    /// Forgets every position, keeping the buffers.
    public func reset() { cache.truncate(to: 0) }

    /// Runs `tokens` after the positions already cached and writes the last token's logits [vocab]
    /// into `logits`, or every token's [tokens.count, vocab] when `allPositions` is true.
    /// Throws when the tokens do not fit in the context or an id is outside the vocabulary;
    /// nothing is written to the cache then.
    public func forward(_ tokens: UnsafeBufferPointer<Int32>, logits: UnsafeMutablePointer<Float>,
                        allPositions: Bool = false) throws {
        guard !tokens.isEmpty else { throw ModelError.emptyInput }
        guard position + tokens.count <= contextCapacity else {
            throw ModelError.contextOverflow(tokens: tokens.count, position: position, capacity: contextCapacity)
        }
        let vocabulary = vocabularySize
        for token in tokens where token < 0 || Int(token) >= vocabulary {
            throw ModelError.tokenOutOfRange(token: Int(token), vocabularySize: vocabulary)
        }
        // Prefill in chunks of batchCapacity rows: each chunk attends to the cache the previous ones filled.
        var start = 0
        while start < tokens.count {
            let end = min(start + batchCapacity, tokens.count)
            let chunk = UnsafeBufferPointer(rebasing: tokens[start..<end])
            let out = allPositions ? logits + start * vocabulary : logits
            model.forward(chunk, cache: cache, activations: activations, logits: out, allPositions: allPositions)
            cache.advance(by: chunk.count)
            start = end
        }
    }

    /// Array convenience for `forward` (tests and one-off calls; the generation loop uses the pointer form).
    public func forward(_ tokens: [Int], allPositions: Bool = false) throws -> [Float] {
        guard !tokens.isEmpty else { throw ModelError.emptyInput }
        let ids = tokens.map { Int32(truncatingIfNeeded: $0) }
        for (id, token) in zip(ids, tokens) where Int(id) != token {
            throw ModelError.tokenOutOfRange(token: token, vocabularySize: vocabularySize)
        }
        let rows = allPositions ? tokens.count : 1
        var logits = [Float](repeating: 0, count: rows * vocabularySize)
        try ids.withUnsafeBufferPointer { ids in
            try logits.withUnsafeMutableBufferPointer { out in
                try forward(ids, logits: out.baseAddress!, allPositions: allPositions)
            }
        }
        return logits
    }
}
