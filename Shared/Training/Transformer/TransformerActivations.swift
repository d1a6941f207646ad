import Tensor

/// Everything a forward pass keeps for the backward, and the backward's scratch, allocated once
/// for batches of `sequences` sequences of `length` tokens (llm.c's ActivationTensors).
///
/// Per layer: input [n, d] (the residual entering it), norm1 [n, d], q [n, heads·hd] and
/// k [n, kv·hd] after RoPE, v [n, kv·hd], qkv [n, 3d] (fused only), probabilities
/// [sequences, heads, length, length], attention [n, heads·hd], mid [n, d] (residual after
/// attention), norm2 [n, d], ffnPre and ffnUp [n, ffn], ffnAct [n, ffn]; norms' mean and rstd [n].
///
/// The vocabulary-wide buffer dominates at a large vocabulary (151,936 × n floats), so logits,
/// output probabilities and dLogits are one: a forward without training leaves the logits in it,
/// a training forward turns them into probabilities in place and the backward turns those into
/// dLogits, which is why every backward needs its own training forward first.
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
    /// Where a quantized weight's row panels are decoded in every projection's input gradient: one
    /// buffer for the whole model rather than one per projection (QLoRA holds ~170 of them).
    let inputGradientScratch: Tensor
    /// Per layer, whether q/k/v's input (norm1), o_proj's (attention), gate/up's (norm2) and down's
    /// (ffnAct) have buffers of their own. Only a trained weight reads its input in the backward
    /// (an adapter keeps its own copy), so under LoRA and QLoRA every layer shares one buffer of
    /// each (~8 MB less per Qwen2-0.5B layer at 256 tokens).
    let keepsNorm1: [Bool], keepsAttention: [Bool], keepsNorm2: [Bool], keepsFFNAct: [Bool]
    var scoredRows = 0
    /// True from a training forward until the backward consumes the probabilities.
    var holdsProbabilities = false

    /// Buffers for `architecture` and batches of `sequences` × `length` tokens, every layer's inputs kept.
    public convenience init(architecture: TransformerArchitecture, sequences: Int, length: Int) {
        let all = [Bool](repeating: true, count: architecture.shape.layerCount)
        self.init(architecture: architecture, sequences: sequences, length: length, keepsNorm1: all, keepsAttention: all,
                  keepsNorm2: all, keepsFFNAct: all)
    }

    /// Buffers where the layers marked false share their q/k/v, o_proj, gate/up or down input buffer.
    init(architecture: TransformerArchitecture, sequences: Int, length: Int, keepsNorm1: [Bool], keepsAttention: [Bool],
         keepsNorm2: [Bool], keepsFFNAct: [Bool]) {
        let s = architecture.shape
        let n = sequences * length, d = s.hiddenSize, f = s.ffnWidth, layers = s.layerCount
        self.sequences = sequences
        self.length = length
        func many(_ shape: [Int]) -> [Tensor] { (0..<layers).map { _ in Tensor(shape: shape) } }
        func kept(_ keeps: [Bool], _ shape: [Int]) -> [Tensor] {
            let shared = keeps.allSatisfy { $0 } ? nil : Tensor(shape: shape)
            return (0..<layers).map { l in l < keeps.count && !keeps[l] ? shared ?? Tensor(shape: shape) : Tensor(shape: shape) }
        }
        self.keepsNorm1 = (0..<layers).map { $0 < keepsNorm1.count ? keepsNorm1[$0] : true }
        self.keepsAttention = (0..<layers).map { $0 < keepsAttention.count ? keepsAttention[$0] : true }
        self.keepsNorm2 = (0..<layers).map { $0 < keepsNorm2.count ? keepsNorm2[$0] : true }
        self.keepsFFNAct = (0..<layers).map { $0 < keepsFFNAct.count ? keepsFFNAct[$0] : true }
        var offset = 0
        if case .learned(let o) = architecture.positions { offset = o }
        positionIDs = (0..<n).map { Int32($0 % length + offset) }
        tokenIDs = [Int32](repeating: 0, count: n)
        targets = [Int32](repeating: CrossEntropyBackward.ignoreIndex, count: n)
        inputs = (0...layers).map { _ in Tensor(shape: [n, d]) }
        norm1 = kept(keepsNorm1, [n, d]); mean1 = many([n]); rstd1 = many([n])
        q = many([n, s.queryWidth]); k = many([n, s.kvWidth]); v = many([n, s.kvWidth])
        qkv = architecture.fusedQKV ? many([n, 3 * d]) : []
        probabilities = many([sequences, s.heads, length, length])
        attention = kept(keepsAttention, [n, s.queryWidth])
        mid = many([n, d]); norm2 = kept(keepsNorm2, [n, d]); mean2 = many([n]); rstd2 = many([n])
        ffnPre = many([n, f]); ffnUp = architecture.feedForward == .swiglu ? many([n, f]) : []; ffnAct = kept(keepsFFNAct, [n, f])
        finalNorm = Tensor(shape: [n, d]); finalMean = Tensor(shape: [n]); finalRstd = Tensor(shape: [n])
        logits = Tensor(shape: [n, s.vocabularySize]); outputProbabilities = logits
        dResidual = Tensor(shape: [n, d]); dNorm = Tensor(shape: [n, d]); dAttention = Tensor(shape: [n, s.queryWidth])
        dq = Tensor(shape: [n, s.queryWidth]); dk = Tensor(shape: [n, s.kvWidth]); dv = Tensor(shape: [n, s.kvWidth])
        dqkv = Tensor(shape: architecture.fusedQKV ? [n, 3 * d] : [0])
        dAct = Tensor(shape: [n, f]); dPre = Tensor(shape: [n, f]); dUp = Tensor(shape: [n, f])
        dLogits = outputProbabilities
        let projectionShapes = [(s.queryWidth, d), (s.kvWidth, d), (d, s.queryWidth), (f, d), (d, f), (s.vocabularySize, d), (3 * d, d)]
        let panel = projectionShapes.map { WeightMatrix.inputGradientPanelRows(cols: $0.1, rows: $0.0) * $0.1 }.max() ?? 1
        inputGradientScratch = Tensor(shape: [panel])
        attentionScratch = Tensor(shape: [length, length]); rowScratch = Tensor(shape: [max(d, 1)])
    }
}
