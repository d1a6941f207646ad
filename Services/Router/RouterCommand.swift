import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Messaging
import Models
import NIOPosix
import Prometheus
import Routing
import ServiceKit
import ServiceLifecycle

/// `lce-router`: takes generate requests over HTTP and AMQP, chooses a variant per request and
/// hands each to that variant's worker pool.
@main
struct RouterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lce-router",
        abstract: "Route generate requests (HTTP POST /generate and the generate.requests queue) to variant worker pools.",
        discussion: """
        Short, plain prompts go to --simple-variant (the prototype's LoRA model), long or code-heavy ones to --complex-variant; a request may name its variant. Set LCE_API_TOKEN to require `Authorization: Bearer <token>`.

        Example:
          lce-router --port 8080 --tokenizer ~/.lce/models/default
          curl -X POST localhost:8080/generate -d '{"prompt":"Write a Python function to reverse a string."}'
        """)

    @OptionGroup var service: ServiceOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "HTTP port.")
    var port = 8080

    @Option(help: "tokenizer.json, a model directory or a .gguf file whose tokenizer counts prompt tokens (default: the bundled model).")
    var tokenizer: String?

    @Option(name: .customLong("max-body-bytes"), help: "Largest request body accepted (413 above).")
    var maxBodyBytes = 65_536

    @Option(name: .customLong("max-in-flight"), help: "Requests held at once before answering 503.")
    var maxInFlight = 256

    @Option(name: .customLong("max-simple-tokens"), help: "Longest prompt, in tokens, routed to the simple variant.")
    var maxSimpleTokens = 40

    @Option(name: .customLong("max-simple-code-signals"), help: "Most code-structure signals a simple prompt may carry.")
    var maxSimpleCodeSignals = 2

    @Option(name: .customLong("simple-variant"), help: "Variant for simple prompts.")
    var simpleVariant = "lora.default"

    @Option(name: .customLong("complex-variant"), help: "Variant for long or code-heavy prompts.")
    var complexVariant = "base"

    @Option(name: .customLong("context-tokens"), help: "The served model's context (prompt + max_tokens must fit).")
    var contextTokens = 2048

    @Option(name: .customLong("default-max-tokens"), help: "Tokens generated when a request names none.")
    var defaultMaxTokens = 128

    @Option(name: .customLong("timeout-seconds"), help: "How long a request waits for a worker.")
    var timeoutSeconds = 120

    func validate() throws {
        for variant in [simpleVariant, complexVariant] {
            if let problem = VariantID.problem(with: variant) { throw ValidationError(problem) }
        }
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be 1-65535, got \(port)") }
        guard maxBodyBytes >= 64 else { throw ValidationError("--max-body-bytes must be at least 64") }
        guard maxInFlight >= 1 else { throw ValidationError("--max-in-flight must be at least 1") }
        guard timeoutSeconds >= 1 else { throw ValidationError("--timeout-seconds must be at least 1") }
    }

    func run() async throws {
        StructuredLogHandler.bootstrap(service: "router")
        let logger = Logger(label: "router")
        let environment = service.environment
        let url = try AMQPURL(parsing: try environment.requireAMQPURL())
        let counter = try TokenCounter.load(path: tokenizer ?? BundledModel.path(environment: environment))

        let token = ProcessInfo.processInfo.environment["LCE_API_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if token == nil {
            logger.warning("LCE_API_TOKEN is unset: POST /generate accepts requests without authentication")
        }

        let registry = PrometheusCollectorRegistry()
        let publisher = Publisher(url: url, name: "router", logger: logger)
        let emitter = MetricsEmitter(publisher: publisher, logger: logger)
        let rpc = RPCClient(url: url, name: "router", logger: logger)
        let pools = InferencePoolMonitor(url: url, logger: logger)
        let decisions = DecisionRecorder(emitter: emitter, registry: registry)

        var settings = RouterSettings()
        settings.contextTokens = contextTokens
        settings.defaultMaxTokens = defaultMaxTokens
        settings.timeout = .seconds(timeoutSeconds)
        let policy = RoutingPolicy(maxSimpleTokens: maxSimpleTokens, maxSimpleCodeSignals: maxSimpleCodeSignals,
                                   simpleVariant: simpleVariant, complexVariant: complexVariant)
        let requestRouter = RequestRouter(policy: policy, settings: settings, countTokens: counter.count,
                                          dispatcher: AMQPInferenceDispatcher(rpc: rpc, pools: pools),
                                          record: { decisions.record($0, source: "http") })
        let amqpRouter = RequestRouter(policy: policy, settings: settings, countTokens: counter.count,
                                       dispatcher: AMQPInferenceDispatcher(rpc: rpc, pools: pools),
                                       record: { decisions.record($0, source: "amqp") })

        let http = Router()
        if let token { http.add(middleware: BearerTokenMiddleware(token: token)) }
        let limiter = InFlightLimiter(limit: maxInFlight)
        http.addHealthRoutes(registry: registry) {
            HealthStatus(service: "router", checks: ["in_flight": limiter.inFlight < maxInFlight ? "ok" : "saturated"])
        }
        GenerateRoutes(router: requestRouter, maxBodyBytes: maxBodyBytes, limiter: limiter).add(to: http)
        // One event loop does the HTTP I/O and runs the handlers too (EventLoopTaskExecutor says why).
        let httpLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let app = Application(router: http, configuration: .init(address: .hostname(host, port: port)),
                              eventLoopGroupProvider: .shared(httpLoops), logger: logger)
        let httpService = ServiceOnExecutor(base: app, executor: EventLoopTaskExecutor(loop: httpLoops.next()))

        let consumer = GenerateRequestConsumer.make(url: url, prefetch: service.prefetch, router: amqpRouter,
                                                    logger: logger)
        logger.info("router starting", metadata: ["http": "\(host):\(port)", "simple": "\(simpleVariant)",
                                                  "complex": "\(complexVariant)", "max_simple_tokens": "\(maxSimpleTokens)"])
        // The group shuts services down last to first: heartbeats say "draining", HTTP and AMQP requests in flight are
        // answered, then the emitter publishes the decisions left.
        var services: [any Service] = [emitter, consumer, httpService]
        if let interval = service.heartbeatInterval {
            services.append(HeartbeatSender(service: "router", interval: interval, emitter: emitter) {
                .init(inFlight: limiter.inFlight + consumer.inFlight, processed: decisions.recorded)
            })
        }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger))
        try await group.run()
        try? await httpLoops.shutdownGracefully()
        await rpc.close()
        await publisher.close()
    }
}
