import Foundation

/// The learning-rate multiplier per optimizer step, as transformers' schedules compute it.
///
/// Warmup rises linearly from 0 over `warmupSteps`; then `.cosine` follows half a cosine to 0
/// at `totalSteps` (get_cosine_schedule_with_warmup), `.linear` falls in a straight line to 0
/// (get_linear_schedule_with_warmup), and `.constant` stays at 1
/// (get_constant_schedule_with_warmup). `step` is the number of updates already taken, as the
/// schedulers' lr_lambda receives it.
public struct LearningRateSchedule: Sendable, Equatable, Codable {
    /// What happens after warmup.
    public enum Decay: String, Sendable, Equatable, Codable, CaseIterable {
        case cosine, linear, constant
    }

    /// The shape after warmup.
    public var decay: Decay
    /// Steps of linear warmup.
    public var warmupSteps: Int
    /// Total optimizer steps of the run.
    public var totalSteps: Int

    /// A schedule of `decay` after `warmupSteps` of warmup, over `totalSteps`.
    public init(decay: Decay, warmupSteps: Int, totalSteps: Int) {
        self.decay = decay
        self.warmupSteps = max(0, warmupSteps)
        self.totalSteps = max(0, totalSteps)
    }

    /// The factor the base learning rate is multiplied by at `step`.
    public func multiplier(atStep step: Int) -> Double {
        if step < warmupSteps { return Double(step) / Double(max(1, warmupSteps)) }
        switch decay {
        case .constant:
            return 1
        case .linear:
            return max(0, Double(totalSteps - step) / Double(max(1, totalSteps - warmupSteps)))
        case .cosine:
            // Clamped at the end: transformers' formula would rise again past totalSteps.
            let progress = min(1, Double(step - warmupSteps) / Double(max(1, totalSteps - warmupSteps)))
            return max(0, 0.5 * (1 + Foundation.cos(Double.pi * 0.5 * 2 * progress)))
        }
    }

    /// `baseRate` times the multiplier at `step` (the rate the optimizer uses for that update).
    public func learningRate(base baseRate: Double, atStep step: Int) -> Double {
        baseRate * multiplier(atStep: step)
    }
}
