import Tensor

/// One module's adapter matrices in PEFT's orientation: A [r, in] and B [out, r].
public struct LoRAWeights: @unchecked Sendable {
    /// lora_A.weight [r, in].
    public let a: Tensor
    /// lora_B.weight [out, r].
    public let b: Tensor

    /// Pairs A and B (shapes are checked by `LoRAAdapter`).
    public init(a: Tensor, b: Tensor) {
        self.a = a
        self.b = b
    }
}
