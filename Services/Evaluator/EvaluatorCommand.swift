import ArgumentParser
import CBLAS
import Evaluation
import Foundation
import Logging
import Messaging
import Prometheus
import ServiceKit
import ServiceLifecycle
import Tensor

/// `lce-evaluator`: runs eval jobs and evaluates every newly trained adapter against its base.
@main
struct EvaluatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lce-evaluator",
        abstract: "Consume eval.jobs and adapter.trained, evaluate variants, publish results to lce.metrics.",
        discussion: """
        Each job runs its variants side by side on the same tasks (see `lce eval`); every variant's \
        result goes to lce.metrics (metrics.evaluation.result) and lce.events (evaluation.completed), \
        every sample to lce.metrics (metrics.evaluation.sample); the job ends with evaluation.finished, \
        naming the variants it could not evaluate and why. A job that evaluates nothing ends in a \
        job.failed event with the reason, and the service takes the next one. `lce submit eval` sends \
        a job and prints its table.

        Example:
          lce-evaluator --model ~/.cache/lce/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf --health-port 8083
        """)

    @OptionGroup var service: ServiceOptions

    @Option(help: "Base model for jobs that name none: a .gguf file or model directory (default: the bundled model).")
    var model: String?

    @Option(help: "Threads for the engine's kernels (default: all cores).")
    var threads: Int?

    @Option(name: .customLong("events-queue"), help: "This service's queue on lce.events (bound to adapter.trained).")
    var eventsQueue = "evaluator.events"

    @Flag(name: .customLong("auto-evaluate"), inversion: .prefixedNo,
          help: "Evaluate every adapter the trainer writes against its base (adapter.trained); with --no-auto-evaluate only eval.jobs.")
    var autoEvaluate = true

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if let model, !FileManager.default.fileExists(atPath: model) { throw ValidationError("--model \(model): no such file or directory") }
    }

    func run() async throws {
        StructuredLogHandler.bootstrap(service: "evaluator")
        let logger = Logger(label: "evaluator")
        let environment = service.environment
        let url = try AMQPURL(parsing: try environment.requireAMQPURL())
        if let threads { Threading.count = threads }
        let blas = openblas_get_config().map { String(cString: $0) } ?? "unknown BLAS"
        let fingerprint = HardwareFingerprint.current(threads: Threading.count, blasKernel: blas)

        let publisher = Publisher(url: url, name: "evaluator", logger: logger)
        let emitter = MetricsEmitter(publisher: publisher, logger: logger)
        let runner = EvalJobRunner(defaultModel: model ?? BundledModel.path(environment: environment), lceHome: environment.lceHome,
                                   hardware: fingerprint, publisher: publisher, emitter: emitter, logger: logger)
        let prefetch = UInt16(clamping: service.prefetch)
        let jobs = Consumer(url: url, configuration: ConsumerConfiguration(queue: Topology.Queue.evalJobs, prefetch: prefetch,
                                                                           concurrency: 1, name: "evaluator-jobs"),
                            logger: logger, decoding: EvalJob.self,
                            onRejected: { error, message in await runner.rejected(error, message: message) }) { job, _ in
            await runner.handle(job)
        }
        let events = Consumer(url: url, configuration: ConsumerConfiguration(queue: eventsQueue, prefetch: prefetch, concurrency: 1,
                                                                             name: "evaluator-events"),
                              setup: { [eventsQueue] connection in
                                  try await Topology().declare(on: connection)
                                  try await Topology().declareEventQueue(eventsQueue, bindingKeys: [Topology.RoutingKey.adapterTrained],
                                                                         on: connection)
                              },
                              logger: logger, decoding: AdapterTrained.self) { event, _ in
            await runner.handle(runner.job(for: event))
        }
        // The group shuts services down last to first: heartbeats say "draining", the consumers finish their jobs, then
        // the emitter publishes what is left.
        var services: [any Service] = [emitter, jobs]
        if autoEvaluate { services.append(events) }
        if service.healthPort > 0 {
            services.append(HealthServer(host: service.healthHost, port: service.healthPort, registry: PrometheusCollectorRegistry(),
                                         logger: logger) {
                HealthStatus(service: "evaluator",
                             checks: ["broker": jobs.isConsuming && (events.isConsuming || !autoEvaluate) ? "connected" : "reconnecting"])
            })
        }
        if let interval = service.heartbeatInterval {
            services.append(HeartbeatSender(service: "evaluator", interval: interval, emitter: emitter) {
                .init(inFlight: jobs.inFlight + events.inFlight, processed: jobs.messagesSettled + events.messagesSettled)
            })
        }
        logger.info("evaluator consuming", metadata: ["queues": "\(Topology.Queue.evalJobs)\(autoEvaluate ? ", " + eventsQueue : "")"])
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        await publisher.close()
    }
}
