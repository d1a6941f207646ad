import Evaluation
import Foundation
import Logging
import Messaging
import ServiceKit

/// Runs one eval job at a time and publishes what it finds: a result per variant, a record per sample, or the reason it failed.
final class EvalJobRunner: Sendable {
    let defaultModel: String
    let lceHome: String
    let hardware: HardwareFingerprint
    let publisher: Publisher
    let emitter: MetricsEmitter
    let logger: Logger
    private let gate = JobGate()
    private let finished = FinishedJobs()

    init(defaultModel: String, lceHome: String, hardware: HardwareFingerprint, publisher: Publisher, emitter: MetricsEmitter,
         logger: Logger) {
        self.defaultModel = defaultModel
        self.lceHome = lceHome
        self.hardware = hardware
        self.publisher = publisher
        self.emitter = emitter
        self.logger = logger
    }

    /// The job an `adapter.trained` event asks for: the new adapter against its base on the bundled eval split.
    /// Its id is the event's, so a redelivered event is recognised as the same job.
    func job(for event: AdapterTrained) -> EvalJob {
        EvalJob(id: event.id, variants: ["base", event.variant], dataset: EvalJobPlan.bundledDataset,
                metrics: ["bleu", "codebleu", "pass@k", "perplexity", "latency"], maxTokens: 128, experiment: event.experiment,
                trigger: "adapter.trained", baseModel: event.baseModel)
    }

    /// Runs the job on its base model (a path or registry name; default: the service's) unless it already ran; always
    /// acknowledges (a failure is reported as `job.failed`, not retried).
    func handle(_ job: EvalJob) async -> ConsumerDisposition {
        if await finished.contains(job.id) {
            logger.info("job already done; acknowledging the redelivery", metadata: ["job_id": "\(job.id)"])
            return .ack
        }
        return await gate.run {
            do {
                try await self.execute(job)
            } catch {
                await self.fail(jobID: job.id, reason: "\(error)")
            }
            await self.finished.insert(job.id)
            return .ack
        }
    }

    /// A job that did not decode: its sender learns why through `job.failed` when the body had an id.
    func rejected(_ error: ContractError, message: IncomingMessage) async {
        guard let text = message.properties.messageID, let id = UUID(uuidString: text) else { return }
        await fail(jobID: id, reason: "invalid eval job: \(error)")
    }

    private func execute(_ job: EvalJob) async throws {
        let started = ContinuousClock.now
        let plan = try EvalJobPlan(job: job, defaultModel: defaultModel, lceHome: lceHome)
        let hardware = EvaluationHardware(cpuModel: self.hardware.cpuModel, isaFlags: self.hardware.isaFlags,
                                          logicalCPUs: self.hardware.logicalCPUs, threads: self.hardware.threads,
                                          blasKernel: self.hardware.blasKernel, architecture: self.hardware.architecture)
        let evaluation = VariantEvaluation(modelPath: plan.modelPath, mergedModelPath: plan.mergedModelPath,
                                           adapterDirectories: plan.adapterDirectories,
                                           dataset: plan.dataset, settings: plan.settings, hardware: hardware)
        let sandbox = plan.settings.passAtK ? try Sandbox(limits: SandboxLimits(timeLimit: plan.settings.sandboxTimeLimit)) : nil
        logger.info("evaluating", metadata: ["job_id": "\(job.id)", "variants": "\(job.variants)", "model": "\(plan.modelPath)",
                                             "tasks": "\(plan.dataset.problems.count)"])
        // Each variant's figures go out as soon as it is scored, so followers see a long job advance.
        let results = try await evaluation.run(variants: plan.variants, sandbox: sandbox, finished: { [self] result in
            guard result.isAvailable else { return }
            for sample in result.sampleResults {
                emitter.emit(EvaluationSample(jobID: job.id, sample: sample, result: result), routingKey: Topology.RoutingKey.evaluationSampleMetric)
            }
            var message = EvaluationResult(jobID: job.id, result: result)
            message.experiment = job.experiment
            emitter.emit(message, routingKey: Topology.RoutingKey.evaluationResultMetric)
            try await publisher.publish(message, exchange: Topology.Exchange.events, routingKey: Topology.RoutingKey.evaluationCompleted)
        })
        let unavailable = results.filter { !$0.isAvailable }.map {
            EvaluationFinished.Unavailable(variant: $0.variant, reason: $0.unavailableReason ?? "not evaluated")
        }
        if unavailable.count == results.count {
            throw EvaluatorError.nothingEvaluated(unavailable.map { "\($0.variant): \($0.reason)" })
        }
        if !unavailable.isEmpty {
            logger.warning("variants not evaluated", metadata: ["job_id": "\(job.id)",
                                                                "variants": "\(unavailable.map { "\($0.variant): \($0.reason)" })"])
        }
        let finished = EvaluationFinished(jobId: job.id, evaluated: results.filter(\.isAvailable).map(\.variant), unavailable: unavailable,
                                          durationS: started.duration(to: .now).seconds)
        try await publisher.publish(finished, exchange: Topology.Exchange.events, routingKey: Topology.RoutingKey.evaluationFinished)
    }

    private func fail(jobID: UUID, reason: String) async {
        logger.error("eval job failed", metadata: ["job_id": "\(jobID)", "reason": "\(reason)"])
        let event = JobFailed(jobId: jobID, jobKind: "eval", error: reason)
        emitter.emit(event, routingKey: Topology.RoutingKey.jobFailedMetric)
        do {
            try await publisher.publish(event, exchange: Topology.Exchange.events, routingKey: Topology.RoutingKey.jobFailed)
        } catch {
            logger.error("job.failed not published", metadata: ["job_id": "\(jobID)", "error": "\(error)"])
        }
    }
}
