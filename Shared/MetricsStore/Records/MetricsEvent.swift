/// Anything the metrics service persists; a batch of these is written in one transaction.
public enum MetricsEvent: Sendable, Equatable {
    /// Create or rename an experiment.
    case experiment(ExperimentRecord)
    /// Create or update a base model.
    case model(ModelRecord)
    /// Create or update a variant.
    case variant(VariantRecord)
    /// Create or update a training run (job started, adapter trained, failed).
    case trainingRun(TrainingRunRecord)
    /// One training step.
    case trainingStep(TrainingStepRecord)
    /// One variant's evaluation results.
    case evaluation(EvaluationRecord)
    /// One evaluated sample.
    case evaluationSample(EvaluationSampleRecord)
    /// One served request.
    case inferenceRequest(InferenceRequestRecord)
    /// One routing decision.
    case routingDecision(RoutingDecisionRecord)
    /// One heartbeat.
    case heartbeat(ServiceHeartbeatRecord)
}
