/// How a continuation is chosen and when it ends.
public struct GenerationOptions: Sendable, Equatable {
    /// The most new tokens to produce.
    public var maxTokens: Int
    /// Softmax temperature; 0 (or below) means greedy decoding.
    public var temperature: Float
    /// Keep only the k most likely tokens before sampling; 0 keeps all.
    public var topK: Int
    /// Keep the smallest set of most likely tokens whose probability reaches p; 1 keeps all.
    public var topP: Float
    /// Seed of the sampler's random numbers: the same seed gives the same continuation.
    public var seed: UInt64
    /// Text that ends generation; it is not included in the output.
    public var stopSequences: [String]
    /// Token ids that end generation (end-of-sequence, end-of-turn); not included in the output.
    public var stopTokenIDs: Set<Int>

    /// Options with greedy decoding and 256 new tokens by default.
    public init(maxTokens: Int = 256, temperature: Float = 0, topK: Int = 0, topP: Float = 1, seed: UInt64 = 0,
                stopSequences: [String] = [], stopTokenIDs: Set<Int> = []) {
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.seed = seed
        self.stopSequences = stopSequences
        self.stopTokenIDs = stopTokenIDs
    }
}
