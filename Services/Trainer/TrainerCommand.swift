import ArgumentParser
import Foundation
import Logging
import Messaging
import ServiceKit
import ServiceLifecycle
import Tensor
import Training

/// `lce-trainer`: consumes train.jobs and trains each job in this process.
@main
struct TrainerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lce-trainer",
        abstract: "Train LoRA, QLoRA and full fine-tuning jobs from train.jobs into the model registry.",
        discussion: """
        One job at a time: the adapter goes to $LCE_HOME/adapters/<adapter_name> (PEFT layout), a fully trained model to $LCE_HOME/models/<adapter_name>. Steps are published as metrics.training.step, the result as adapter.trained on lce.events, a failure as job.failed. A job already finished is not trained again when redelivered; a job interrupted by a shutdown resumes from its last checkpoint ($LCE_HOME/runs/<job id>).

        Example:
          lce-trainer --amqp-url amqp://guest:guest@localhost:5672/%2f --save-every 25 --health-port 8083
        """)

    @OptionGroup var service: ServiceOptions

    @Option(name: .customLong("save-every"), help: "Checkpoint every N optimizer steps, for resuming after a restart (0: none).")
    var saveEvery: Int = 25

    @Option(name: .customLong("eval-every"), help: "Held-out loss every N steps (0: before and after training only).")
    var evalEvery: Int = 0

    @Option(name: .customLong("held-out"), help: "Fraction of each dataset held out for the evaluation loss.")
    var heldOut: Double = 0.1

    @Option(help: "Threads for the engine's kernels (default: all cores).")
    var threads: Int?

    func validate() throws {
        if saveEvery < 0 { throw ValidationError("--save-every must not be negative") }
        if evalEvery < 0 { throw ValidationError("--eval-every must not be negative") }
        if !(heldOut >= 0 && heldOut < 1) { throw ValidationError("--held-out must be in [0, 1)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() async throws {
        StructuredLogHandler.bootstrap(service: "trainer")
        let logger = Logger(label: "trainer")
        let environment = service.environment
        let url = try AMQPURL(parsing: try environment.requireAMQPURL())
        if let threads { Threading.count = threads }

        let publisher = Publisher(url: url, name: "trainer", logger: logger)
        let emitter = MetricsEmitter(publisher: publisher, logger: logger)
        let handler = TrainJobHandler(registry: TrainingRegistry(home: environment.lceHome),
                                      settings: .init(saveEvery: saveEvery, evalEvery: evalEvery, heldOutFraction: heldOut),
                                      publisher: publisher, emitter: emitter, logger: logger)
        // One job at a time and no hoarding: a training job holds its message for minutes to hours.
        let consumer = Consumer(url: url,
                                configuration: ConsumerConfiguration(queue: Topology.Queue.trainJobs, prefetch: 1, concurrency: 1,
                                                                     name: "trainer"),
                                logger: logger, decoding: TrainJob.self,
                                onRejected: { error, message in await handler.reject(error, message: message) }) { job, _ in
            await handler.handle(job)
        }
        // The group shuts services down last to first: heartbeats say "draining", the running job is told to stop at
        // its next checkpoint, the consumer settles it, then the emitter publishes what is left.
        var services: [any Service] = [emitter, consumer, ShutdownSignal(handler: handler)]
        if service.healthPort > 0 {
            services.append(HealthServer(host: service.healthHost, port: service.healthPort, registry: handler.metrics,
                                         logger: logger) {
                HealthStatus(service: "trainer", checks: ["broker": consumer.isConsuming ? "connected" : "reconnecting"])
            })
        }
        if let interval = service.heartbeatInterval {
            services.append(HeartbeatSender(service: "trainer", interval: interval, emitter: emitter) {
                .init(inFlight: consumer.inFlight, processed: consumer.messagesSettled)
            })
        }
        logger.info("trainer consuming", metadata: ["queue": "\(Topology.Queue.trainJobs)", "home": "\(environment.lceHome)"])
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger))
        try await group.run()
        await publisher.close()
    }
}
