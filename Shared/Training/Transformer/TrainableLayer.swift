/// One pre-norm decoder block of a model being trained: its two norms and its projections.
///
/// q, k and v are either one fused projection (GPT-2's c_attn, [3·hidden, hidden]) or three;
/// the feed-forward is ffnIn (c_fc / fc1 / up_proj), an optional gate (gate_proj, SwiGLU)
/// and ffnOut (c_proj / fc2 / down_proj).
public final class TrainableLayer {
    /// The norm before attention.
    public let attentionNorm: TrainableNorm
    /// GPT-2's fused q/k/v projection, when the architecture fuses them.
    public let fusedQKV: TrainableProjection?
    /// Separate q, k and v projections, when not fused.
    public let query: TrainableProjection?, key: TrainableProjection?, value: TrainableProjection?
    /// The attention output projection.
    public let attentionOutput: TrainableProjection
    /// The norm before the feed-forward.
    public let ffnNorm: TrainableNorm
    /// The feed-forward's first projection (up_proj under SwiGLU).
    public let ffnIn: TrainableProjection
    /// SwiGLU's gate projection.
    public let gate: TrainableProjection?
    /// The feed-forward's output projection.
    public let ffnOut: TrainableProjection

    /// Groups one block's parts.
    public init(attentionNorm: TrainableNorm, fusedQKV: TrainableProjection?, query: TrainableProjection?,
                key: TrainableProjection?, value: TrainableProjection?, attentionOutput: TrainableProjection,
                ffnNorm: TrainableNorm, ffnIn: TrainableProjection, gate: TrainableProjection?, ffnOut: TrainableProjection) {
        self.attentionNorm = attentionNorm
        self.fusedQKV = fusedQKV
        self.query = query
        self.key = key
        self.value = value
        self.attentionOutput = attentionOutput
        self.ffnNorm = ffnNorm
        self.ffnIn = ffnIn
        self.gate = gate
        self.ffnOut = ffnOut
    }

    /// The projections with their PEFT module names relative to the block ("self_attn.q_proj").
    func namedProjections(family: LoRAModelLayout.Family) -> [(String, TrainableProjection)] {
        var named: [(String, TrainableProjection?)]
        switch family {
        case .gpt2:
            named = [("attn.c_attn", fusedQKV), ("attn.c_proj", attentionOutput), ("mlp.c_fc", ffnIn), ("mlp.c_proj", ffnOut)]
        case .opt:
            named = [("self_attn.k_proj", key), ("self_attn.v_proj", value), ("self_attn.q_proj", query),
                     ("self_attn.out_proj", attentionOutput), ("fc1", ffnIn), ("fc2", ffnOut)]
        case .llama:
            named = [("self_attn.q_proj", query), ("self_attn.k_proj", key), ("self_attn.v_proj", value),
                     ("self_attn.o_proj", attentionOutput), ("mlp.gate_proj", gate), ("mlp.up_proj", ffnIn),
                     ("mlp.down_proj", ffnOut)]
        }
        return named.compactMap { name, projection in projection.map { (name, $0) } }
    }
}
