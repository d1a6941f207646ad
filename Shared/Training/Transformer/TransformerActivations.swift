import Tensor

/// Everything a forward pass keeps for the backward, and the backward's scratch, allocated once
/// for batches of `sequences` sequences of `length` tokens (llm.c's ActivationTensors).
///
/// Per layer: input [n, d] (the residual entering it), norm1 [n, d], q [n, heads·hd] and
/// k [n, kv·hd] after RoPE, v [n, kv·hd], qkv [n, 3d] (fused only), probabilities
/// [sequences, heads, length, length], attention [n, heads·hd], mid [n, d] (residual after
/// attention), norm2 [n, d], ffnPre and ffnUp [n, ffn], ffnAct [n, ffn]; norms' mean and rstd [n].
public final class TransformerActivations {
    /// Sequences per batch.
    public let sequences: Int
    /// Tokens per sequence.
    public let length: Int
    /// sequences × length.
    public var rows: Int { sequences * length }

    let positionIDs: [Int32]
    var tokenIDs: [Int32], targets: [Int32]
    let inputs: [Tensor], norm1: [Tensor], mean1: [Tensor], rstd1: [Tensor]
    let q: [Tensor], k: [Tensor], v: [Tensor], qkv: [Tensor], probabilities: [Tensor], attention: [Tensor]
    let mid: [Tensor], norm2: [Tensor], mean2: [Tensor], rstd2: [Tensor]
    let ffnPre: [Tensor], ffnUp: [Tensor], ffnAct: [Tensor]
    let finalNorm: Tensor, finalMean: Tensor, finalRstd: Tensor, logits: Tensor, outputProbabilities: Tensor
    // Backward scratch.
    let dResidual: Tensor, dNorm: Tensor, dAttention: Tensor, dq: Tensor, dk: Tensor, dv: Tensor, dqkv: Tensor
    let dAct: Tensor, dPre: Tensor, dUp: Tensor, dLogits: Tensor, attentionScratch: Tensor, rowScratch: Tensor
    var scoredRows = 0

    /// Buffers for `architecture` and batches of `sequences` × `length` tokens.
    public init(architecture: TransformerArchitecture, sequences: Int, length: Int) {
        let s = architecture.shape
        let n = sequences * length, d = s.hiddenSize, f = s.ffnWidth, layers = s.layerCount
        self.sequences = sequences
        self.length = length
        func many(_ shape: [Int]) -> [Tensor] { (0..<layers).map { _ in Tensor(shape: shape) } }
        var offset = 0
        if case .learned(let o) = architecture.positions { offset = o }
        positionIDs = (0..<n).map { Int32($0 % length + offset) }
        tokenIDs = [Int32](repeating: 0, count: n)
        targets = [Int32](repeating: CrossEntropyBackward.ignoreIndex, count: n)
        inputs = (0...layers).map { _ in Tensor(shape: [n, d]) }
        norm1 = many([n, d]); mean1 = many([n]); rstd1 = many([n])
        q = many([n, s.queryWidth]); k = many([n, s.kvWidth]); v = many([n, s.kvWidth])
        qkv = architecture.fusedQKV ? many([n, 3 * d]) : []
        probabilities = many([sequences, s.heads, length, length])
        attention = many([n, s.queryWidth])
        mid = many([n, d]); norm2 = many([n, d]); mean2 = many([n]); rstd2 = many([n])
        ffnPre = many([n, f]); ffnUp = architecture.feedForward == .swiglu ? many([n, f]) : []; ffnAct = many([n, f])
        finalNorm = Tensor(shape: [n, d]); finalMean = Tensor(shape: [n]); finalRstd = Tensor(shape: [n])
        logits = Tensor(shape: [n, s.vocabularySize]); outputProbabilities = Tensor(shape: [n, s.vocabularySize])
        dResidual = Tensor(shape: [n, d]); dNorm = Tensor(shape: [n, d]); dAttention = Tensor(shape: [n, s.queryWidth])
        dq = Tensor(shape: [n, s.queryWidth]); dk = Tensor(shape: [n, s.kvWidth]); dv = Tensor(shape: [n, s.kvWidth])
        dqkv = Tensor(shape: architecture.fusedQKV ? [n, 3 * d] : [0])
        dAct = Tensor(shape: [n, f]); dPre = Tensor(shape: [n, f]); dUp = Tensor(shape: [n, f])
        dLogits = Tensor(shape: [n, s.vocabularySize])
        attentionScratch = Tensor(shape: [length, length]); rowScratch = Tensor(shape: [max(d, 1)])
    }
}
