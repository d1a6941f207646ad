import ArgumentParser
import Foundation
import Logging
import Messaging
import Models
import Prometheus
import Routing
import ServiceKit
import ServiceLifecycle
import Tensor

/// `lce-worker`: one inference worker of one variant's pool.
@main
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lce-worker",
        abstract: "Serve one variant: consume inference.<variant>, generate, reply, publish measurements.",
        discussion: """
        Any number of workers of one variant compete on its queue; start more to scale the pool.

        Variants: base (the model as loaded), q8 and q4 (quantized in-process at start unless --model already is a quantized GGUF), merged (a merged model directory via --model), lora.<adapter> and qlora.<adapter> (the PEFT adapter in $LCE_HOME/adapters/<adapter>, folded into the weights at start for lora, attached over a base quantized to Q4_K for qlora). Such a worker reloads its adapter when adapter.trained says it was retrained (lce-trainer sends it), without dropping a request.

        Example:
          lce-worker --variant base --model ~/.lce/models/default
          lce-worker --variant q4 --model qwen2.5-coder-0.5b-instruct-q4_k_m.gguf --threads 2
          lce-worker --variant lora.code-tasks --model ~/.lce/models/default
        """)

    @OptionGroup var service: ServiceOptions

    @Option(help: "Variant to serve: base, merged, q8, q4, lora.<adapter> or qlora.<adapter>.")
    var variant: String

    @Option(help: "Model directory or .gguf file (default: the bundled model).")
    var model: String?

    @Option(help: "Threads for the engine's kernels (default: all cores).")
    var threads: Int?

    @Option(name: .customLong("context-tokens"), help: "Context positions to allocate (default: the model's, at most 4096).")
    var contextTokens: Int?

    @Option(name: .customLong("worker-id"), help: "Name in replies and measurements (default: host-pid).")
    var workerID: String?

    func validate() throws {
        if let problem = VariantID.problem(with: variant) { throw ValidationError(problem) }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() async throws {
        StructuredLogHandler.bootstrap(service: "worker")
        var logger = Logger(label: "worker")
        logger[metadataKey: "variant"] = "\(variant)"
        let environment = service.environment
        let url = try AMQPURL(parsing: try environment.requireAMQPURL())
        if let threads { Threading.count = threads }

        let modelPath = model ?? BundledModel.path(environment: environment)
        let started = ContinuousClock.now
        let served = try VariantModel.load(variant: variant, modelPath: modelPath, lceHome: environment.lceHome)
        let loadMs = started.duration(to: .now).milliseconds
        let name = workerID ?? "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
        logger.info("model loaded", metadata: ["path": "\(modelPath)", "load_ms": "\(Int(loadMs))",
                                               "weights": "\(served.description)"])

        let publisher = Publisher(url: url, name: "worker-\(variant)", logger: logger)
        let emitter = MetricsEmitter(publisher: publisher, logger: logger)
        let handler = InferenceHandler(variant: variant, worker: name, model: served.model,
                                       contextTokens: contextTokens, publisher: publisher, emitter: emitter, logger: logger)
        let queue = Topology.Queue.inference(variant)
        // Every request the worker holds gets a handler, started on the engine's thread: generation runs one at a
        // time there, but the measurement's confirm and the ack of one request overlap the next request's generation
        // instead of delaying it (a confirm from the quorum metrics queue waits for its disk).
        let consumer = Consumer(url: url,
                                configuration: ConsumerConfiguration(queue: queue, prefetch: UInt16(clamping: service.prefetch),
                                                                     name: "worker-\(variant)", handlerExecutor: handler.engine),
                                setup: { [variant] connection in
                                    try await Topology().declare(on: connection)
                                    _ = try await Topology().declareInferenceQueue(variant: variant, on: connection)
                                },
                                logger: logger, decoding: GenerateRequest.self) { request, message in
            try await handler.handle(request, message: message)
        }
        // The group shuts services down last to first: heartbeats say "draining", then the consumer finishes what it
        // holds, then the emitter publishes what is left.
        var services: [any Service] = [emitter, consumer]
        if let adapter = AdapterReloader.adapter(of: variant) {
            services.append(AdapterReloader.consumer(url: url, variant: variant, adapter: adapter, instance: name, modelPath: modelPath,
                                                     lceHome: environment.lceHome, handler: handler, logger: logger))
        }
        if service.healthPort > 0 {
            services.append(HealthServer(host: service.healthHost, port: service.healthPort, registry: handler.registry,
                                         logger: logger) {
                HealthStatus(service: "worker", checks: ["broker": consumer.isConsuming ? "connected" : "reconnecting"])
            })
        }
        if let interval = service.heartbeatInterval {
            services.append(HeartbeatSender(service: "worker", instance: name, variant: variant, interval: interval, emitter: emitter) {
                .init(inFlight: consumer.inFlight, processed: consumer.messagesSettled)
            })
        }
        logger.info("worker consuming", metadata: ["queue": "\(queue)", "prefetch": "\(service.prefetch)"])
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger))
        try await group.run()
        await publisher.close()
    }
}
