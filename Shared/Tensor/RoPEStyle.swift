/// Which elements of a head vector rotary position embedding rotates together.
public enum RoPEStyle: Sendable {
    /// Pairs (i, i + headDim/2): Hugging Face `rotate_half`, llama.cpp's NEOX mode (LLaMA and Qwen2 HF checkpoints, GGUF qwen2).
    case halves
    /// Pairs (2i, 2i + 1): GGUF llama, whose converter permuted q and k into this order.
    case interleaved
}
