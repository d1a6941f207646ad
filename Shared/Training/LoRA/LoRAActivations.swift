import Tensor

/// What a LoRA layer's forward keeps for its backward, allocated once for up to `capacity` rows.
///
/// Shapes: dropped [capacity, in] (the input after dropout), keep [capacity, in] (dropout's
/// per-element factor 0 or 1/(1-p), only when dropout is on), hidden [capacity, r] (A · x),
/// and the backward's scratch: hiddenGradient [capacity, r], droppedGradient [min(capacity, 32), in]
/// (the backward goes through it a block of rows at a time, so it stays small however long the batch).
public final class LoRAActivations {
    /// The most rows one forward may hold.
    public let capacity: Int
    /// The input after dropout, as A saw it.
    public let dropped: Tensor
    /// Dropout's factor per element (nil when the layer has no dropout).
    public let keep: Tensor?
    /// A · dropout(x), before B and the scaling.
    public let hidden: Tensor
    /// Backward scratch: the gradient reaching A's output.
    public let hiddenGradient: Tensor
    /// Backward scratch: the gradient reaching the dropped input, a block of rows at a time (only with dropout).
    public let droppedGradient: Tensor?
    /// Rows of droppedGradient: enough for sgemm to run at speed on the rank-r product.
    static let gradientBlockRows = 32

    /// Rows the last forward processed.
    public internal(set) var rows = 0

    /// Buffers for `layer` and up to `capacity` rows.
    public init(for layer: LoRALinear, capacity: Int) {
        self.capacity = capacity
        dropped = Tensor(shape: [capacity, layer.inFeatures])
        keep = layer.dropout > 0 ? Tensor(shape: [capacity, layer.inFeatures]) : nil
        hidden = Tensor(shape: [capacity, layer.rank])
        hiddenGradient = Tensor(shape: [capacity, layer.rank])
        droppedGradient = layer.dropout > 0 ? Tensor(shape: [min(capacity, Self.gradientBlockRows), layer.inFeatures]) : nil
    }
}
