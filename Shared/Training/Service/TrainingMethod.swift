/// What a training job trains: LoRA over a frozen base, LoRA over a 4-bit base, or every weight.
public enum TrainingMethod: String, Sendable, Equatable, Codable, CaseIterable {
    /// LoRA adapters over the base as stored.
    case lora
    /// LoRA adapters over the base's projections re-encoded in 4 bits (QLoRA).
    case qlora
    /// Full fine-tuning: every Float32 weight trains; the output is a whole model.
    case full
}
