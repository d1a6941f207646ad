import Foundation
import Logging
import Messaging
import Prometheus
import ServiceKit
import Training

/// Runs one train job end to end: trains on the engine's thread, installs the result in the
/// registry, announces it (or the failure), and only then lets the consumer acknowledge.
final class TrainJobHandler: @unchecked Sendable {
    static let jobs = MetricNameDescriptor(metricName: "lce_trainer_jobs", unitName: "total",
                                           helpText: "Training jobs this trainer finished, by outcome")
    /// Service-wide job settings the messages do not carry.
    struct Settings: Sendable {
        var saveEvery: Int
        var evalEvery: Int
        var heldOutFraction: Double
    }

    let metrics = PrometheusCollectorRegistry()
    private let registry: TrainingRegistry
    private let settings: Settings
    private let engine = BlockingWorkQueue(label: "lce.trainer.engine")
    private let publisher: Publisher
    private let emitter: MetricsEmitter
    private let logger: Logger
    private let lock = NSLock()
    private var stopRequested = false

    init(registry: TrainingRegistry, settings: Settings, publisher: Publisher, emitter: MetricsEmitter, logger: Logger) {
        self.registry = registry
        self.settings = settings
        self.publisher = publisher
        self.emitter = emitter
        self.logger = logger
    }

    /// Asks the running job to checkpoint and stop after its current step.
    func requestStop() {
        lock.withLock { stopRequested = true }
    }

    private var shouldStop: Bool { lock.withLock { stopRequested } }

    func handle(_ job: TrainJob) async -> ConsumerDisposition {
        var log = logger
        log[metadataKey: "job"] = "\(job.id)"
        if let record = registry.completionRecord(of: job.id) {
            // Redelivered after it finished (the ack was lost): announce again, do not train again.
            do {
                let event = try ContractCoder.decode(AdapterTrained.self, from: record)
                try await announce(event)
                log.info("job already finished; announced again", metadata: ["adapter": "\(event.path)"])
                return .ack
            } catch {
                log.warning("finished job's record unreadable; training again", metadata: ["error": "\(error)"])
            }
        }
        let started = Date()
        do {
            let spec = try self.spec(for: job)
            log.info("training", metadata: ["model": "\(spec.modelPath)", "method": "\(spec.method.rawValue)",
                                            "resume": "\(spec.resumeFrom ?? "no")"])
            let stepLog = log
            let result = try await engine.run { [self] in
                try TrainingJobRunner(spec: spec).run(observe: { self.observe($0, job: job, log: stepLog) },
                                                       shouldStop: { self.shouldStop })
            }
            let destination = job.method == "full" ? registry.modelDirectory(job.adapterName) : registry.adapterDirectory(job.adapterName)
            try registry.install(jobID: job.id, into: destination)
            let event = AdapterTrained(jobId: job.id, adapterName: job.adapterName,
                                       variant: job.method == "full" ? "merged" : "\(job.method).\(job.adapterName)",
                                       baseModel: job.baseModel, method: job.method, path: destination,
                                       rank: job.method == "full" ? nil : spec.rank, alpha: job.method == "full" ? nil : spec.alpha,
                                       steps: result.steps, finalLoss: Double(result.finalTrainLoss),
                                       durationS: Date().timeIntervalSince(started), sizeBytes: result.sizeBytes,
                                       peakRssBytes: Int64(ResourceUsage.peakResidentBytes()), experiment: job.experiment)
            try registry.recordCompletion(of: job.id, record: try ContractCoder.encode(event))
            try await announce(event)
            metrics.makeCounter(descriptor: Self.jobs, labels: [("outcome", "trained")]).increment()
            log.info("job finished", metadata: ["adapter": "\(destination)", "steps": "\(result.steps)",
                                                "eval_loss": "\(result.initialEvalLoss.map { "\($0)" } ?? "-") -> \(result.finalEvalLoss.map { "\($0)" } ?? "-")",
                                                "tokens_per_s": "\(Int(result.tokensPerSecond))"])
            return .ack
        } catch let interrupted as TrainingJobInterrupted {
            log.info("job interrupted by shutdown; requeued", metadata: ["checkpoint": "\(interrupted.checkpoint)"])
            return .requeue
        } catch {
            return await fail(job.id, reason: "\(error)", log: log)
        }
    }

    /// A message that is not a valid train job: announce the failure when it names a job id, then dead-letter it.
    func reject(_ error: ContractError, message: IncomingMessage) async {
        guard let object = try? JSONSerialization.jsonObject(with: message.body) as? [String: Any],
              let text = object["id"] as? String, let id = UUID(uuidString: text) else { return }
        _ = await fail(id, reason: "invalid train job: \(error)", log: logger)
    }

    /// The runner's job for a message, with registry paths resolved and a checkpoint to resume from when one exists.
    private func spec(for job: TrainJob) throws -> TrainingJobSpec {
        guard let method = TrainingMethod(rawValue: job.method) else {
            throw TrainingError.invalidArgument("method '\(job.method)' is not lora, qlora or full")
        }
        var spec = TrainingJobSpec(modelPath: try registry.resolveModel(job.baseModel), dataPath: try registry.resolveDataset(job.dataset),
                                   outputDirectory: registry.stagingDirectory(job.id), method: method)
        if let lora = job.lora {
            spec.rank = lora.rank
            spec.alpha = lora.alpha
            spec.dropout = lora.dropout
            spec.targetModules = lora.targetModules
            spec.useRSLoRA = lora.useRslora
        }
        let h = job.hyperparameters
        spec.learningRate = h.learningRate
        spec.epochs = h.epochs
        spec.batchSize = h.batchSize
        spec.gradientAccumulation = h.gradientAccumulationSteps
        spec.maxSteps = h.maxSteps
        spec.warmupSteps = h.warmupSteps
        spec.maxLength = h.maxSequenceLength
        spec.weightDecay = h.weightDecay
        spec.seed = UInt64(truncatingIfNeeded: h.seed)
        spec.saveEvery = settings.saveEvery
        spec.evalEvery = settings.evalEvery
        spec.heldOutFraction = settings.heldOutFraction
        spec.resumeFrom = registry.latestCheckpoint(of: job.id)
        return spec
    }

    private func observe(_ event: TrainingJobEvent, job: TrainJob, log: Logger) {
        switch event {
        case .step(let report):
            emitter.emit(TrainingStep(jobId: job.id, step: report.step.step, epoch: report.epoch, loss: Double(report.step.loss),
                                      learningRate: report.step.learningRate, gradNorm: Double(report.step.gradientNorm),
                                      tokensPerSecond: report.tokensPerSecond, elapsedS: report.elapsedSeconds),
                         routingKey: Topology.RoutingKey.trainingStepMetric)
        case .evaluated(let step, let loss):
            log.info("held-out loss", metadata: ["step": "\(step)", "loss": "\(loss)"])
        case .prepared(let data):
            log.info("data prepared", metadata: ["train": "\(data.trainExamples)", "held_out": "\(data.heldOutExamples)",
                                                 "truncated": "\(data.truncatedExamples)", "steps": "\(data.totalSteps)"])
        case .checkpointed(let step, _), .resumed(let step, _):
            log.info(event.isResume ? "resumed" : "checkpoint written", metadata: ["step": "\(step)"])
        }
    }

    /// Announces an adapter on lce.events (confirmed) and its copy on lce.metrics.
    private func announce(_ event: AdapterTrained) async throws {
        try await publisher.publish(event, exchange: Topology.Exchange.events, routingKey: Topology.RoutingKey.adapterTrained)
        emitter.emit(event, routingKey: Topology.RoutingKey.adapterTrainedMetric)
    }

    /// Announces a failed job; the message is settled (acked) once the failure is confirmed, requeued if it cannot be.
    private func fail(_ id: UUID, reason: String, log: Logger) async -> ConsumerDisposition {
        log.error("job failed", metadata: ["reason": "\(reason)"])
        metrics.makeCounter(descriptor: Self.jobs, labels: [("outcome", "failed")]).increment()
        let event = JobFailed(jobId: id, jobKind: "train", error: reason)
        do {
            try await publisher.publish(event, exchange: Topology.Exchange.events, routingKey: Topology.RoutingKey.jobFailed)
        } catch {
            log.warning("failure not announced; requeueing", metadata: ["error": "\(error)"])
            return .requeue
        }
        emitter.emit(event, routingKey: Topology.RoutingKey.jobFailedMetric)
        return .ack
    }
}

private extension TrainingJobEvent {
    var isResume: Bool {
        if case .resumed = self { return true }
        return false
    }
}
