import Models
import Tensor

/// What distinguishes the three decoder families for training: norms, positions, feed-forward,
/// which projections carry biases, whether q/k/v are one fused matrix, and a tied head.
///
/// Only pre-norm blocks are described (every GPT-2, LLaMA and Qwen2, and every OPT but opt-350m).
public struct TransformerArchitecture: Sendable {
    /// LayerNorm (with bias) or RMSNorm.
    public enum Norm: Sendable, Equatable { case layerNorm, rmsNorm }
    /// Learned position rows (table row = position + offset) or rotary embedding of q and k.
    public enum Positions: Sendable, Equatable {
        case learned(offset: Int)
        case rotary(theta: Float, style: RoPEStyle)
    }
    /// The feed-forward's activation: GPT-2's gelu_new, OPT's ReLU, or LLaMA's gated SiLU.
    public enum FeedForward: Sendable, Equatable { case geluTanh, relu, swiglu }

    /// The sizes.
    public var shape: ModelShape
    /// The norm kind.
    public var norm: Norm
    /// The norms' epsilon.
    public var normEps: Float
    /// How positions enter.
    public var positions: Positions
    /// The feed-forward kind.
    public var feedForward: FeedForward
    /// q, k and v projections have biases (GPT-2, OPT, Qwen2).
    public var qkvBias: Bool
    /// The attention output and feed-forward projections have biases (GPT-2, OPT).
    public var projectionBias: Bool
    /// q, k and v are one [3·hidden, hidden] projection (GPT-2's c_attn).
    public var fusedQKV: Bool
    /// The output head is the token embedding.
    public var tiedOutput: Bool

    /// Everything spelled out.
    public init(shape: ModelShape, norm: Norm, normEps: Float, positions: Positions, feedForward: FeedForward,
                qkvBias: Bool, projectionBias: Bool, fusedQKV: Bool, tiedOutput: Bool) {
        self.shape = shape
        self.norm = norm
        self.normEps = normEps
        self.positions = positions
        self.feedForward = feedForward
        self.qkvBias = qkvBias
        self.projectionBias = projectionBias
        self.fusedQKV = fusedQKV
        self.tiedOutput = tiedOutput
    }

    /// GPT-2: LayerNorm, learned positions, fused biased c_attn, gelu_new, tied head.
    public static func gpt2(shape: ModelShape, layerNormEps: Float = 1e-5) -> TransformerArchitecture {
        TransformerArchitecture(shape: shape, norm: .layerNorm, normEps: layerNormEps, positions: .learned(offset: 0),
                                feedForward: .geluTanh, qkvBias: true, projectionBias: true, fusedQKV: true, tiedOutput: true)
    }

    /// OPT (pre-LayerNorm): learned positions offset by 2, biased projections, ReLU, tied head.
    public static func opt(shape: ModelShape) -> TransformerArchitecture {
        TransformerArchitecture(shape: shape, norm: .layerNorm, normEps: 1e-5, positions: .learned(offset: 2),
                                feedForward: .relu, qkvBias: true, projectionBias: true, fusedQKV: false, tiedOutput: true)
    }

    /// LLaMA / Qwen2 / Mistral: RMSNorm, rotary halves, SwiGLU; Qwen2 has q/k/v biases.
    public static func llama(shape: ModelShape, rmsNormEps: Float, ropeTheta: Float, qkvBias: Bool, tiedOutput: Bool,
                             ropeStyle: RoPEStyle = .halves) -> TransformerArchitecture {
        TransformerArchitecture(shape: shape, norm: .rmsNorm, normEps: rmsNormEps, positions: .rotary(theta: ropeTheta, style: ropeStyle),
                                feedForward: .swiglu, qkvBias: qkvBias, projectionBias: false, fusedQKV: false, tiedOutput: tiedOutput)
    }
}
