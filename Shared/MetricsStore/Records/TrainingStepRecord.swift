import Foundation

/// One optimizer step's measurements (a `training.step` event).
public struct TrainingStepRecord: Sendable, Equatable {
    /// The event's id; a second event with the same id is ignored.
    public var eventID: UUID
    /// Training run (train job) id; an unknown run is created.
    public var runID: UUID
    /// Step number; one row per run and step.
    public var step: Int
    /// Fractional epoch.
    public var epoch: Double?
    /// Training loss.
    public var loss: Double
    /// Learning rate used for the step.
    public var learningRate: Double?
    /// Training throughput.
    public var tokensPerSecond: Double?
    /// Wall-clock time of the step.
    public var stepTimeMilliseconds: Double?
    /// Gradient norm before clipping.
    public var gradNorm: Double?
    /// When the step finished.
    public var recordedAt: Date

    /// Creates a training step record.
    public init(eventID: UUID, runID: UUID, step: Int, epoch: Double? = nil, loss: Double, learningRate: Double? = nil,
                tokensPerSecond: Double? = nil, stepTimeMilliseconds: Double? = nil, gradNorm: Double? = nil,
                recordedAt: Date) {
        self.eventID = eventID
        self.runID = runID
        self.step = step
        self.epoch = epoch
        self.loss = loss
        self.learningRate = learningRate
        self.tokensPerSecond = tokensPerSecond
        self.stepTimeMilliseconds = stepTimeMilliseconds
        self.gradNorm = gradNorm
        self.recordedAt = recordedAt
    }
}
