import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import Messaging
import Models
import Prometheus
import ServiceKit
import Synchronization

/// Answers one generate request: drops it if its deadline has passed, generates on the
/// engine's thread, replies to the requester, publishes the request's measurements and only
/// then lets the consumer acknowledge it.
///
/// Handlers of several requests may be in progress at once; generation runs on the engine's
/// executor, one request after another, in arrival order.
final class InferenceHandler: Sendable {
    let variant: String
    let worker: String
    let registry = PrometheusCollectorRegistry()
    /// The model being served and its generator; `replace` swaps both between two generations (a reloaded adapter).
    private let served: Mutex<(model: LoadedModel, generator: Generator)>
    private let contextTokens: Int?
    /// The thread generation runs on; the consumer starts handlers on it too, so they reach it without a hop.
    let engine = EngineExecutor(label: "lce.worker.engine")
    private let publisher: Publisher
    private let emitter: MetricsEmitter
    private let logger: Logger

    init(variant: String, worker: String, model: LoadedModel, contextTokens: Int?, publisher: Publisher,
         emitter: MetricsEmitter, logger: Logger) {
        self.variant = variant
        self.worker = worker
        self.served = Mutex((model, Generator(model: model.model, contextCapacity: contextTokens)))
        self.contextTokens = contextTokens
        self.publisher = publisher
        self.emitter = emitter
        self.logger = logger
    }

    func handle(_ request: GenerateRequest, message: IncomingMessage) async throws -> ConsumerDisposition {
        let received = Date()
        let queueMs = message.properties.publishedAt.map { max(0, received.timeIntervalSince($0) * 1000) } ?? 0
        let reply: GenerateReply
        var outcome = "ok"
        // A reply that cannot be sent requeues the request; an engine error other than ModelError reaches the
        // consumer, which dead-letters the request with it.
        var replyFailure: Error?
        if request.deadline < received {
            outcome = "deadline"
            reply = failure(request, code: "deadline", message: "the deadline passed before a \(variant) worker took the request")
            replyFailure = send(reply, to: message)
        } else {
            do {
                (reply, replyFailure) = try await generate(request, queueMs: queueMs, replyingTo: message)
            } catch let error as ModelError {
                outcome = "error"
                let code: String
                if case .contextOverflow = error { code = "prompt_too_long" } else { code = "invalid_request" }
                reply = failure(request, code: code, message: "\(error)")
                replyFailure = send(reply, to: message)
            }
        }
        if let replyFailure {
            logger.warning("reply not sent; requeueing", metadata: ["id": "\(request.id)", "error": "\(replyFailure)"])
            return .requeue
        }
        registry.makeCounter(descriptor: Self.requests, labels: [("variant", variant), ("outcome", outcome)]).increment()
        let measurement = InferenceMeasurement(requestId: request.id, variant: variant, worker: worker,
                                               promptTokens: reply.promptTokens, completionTokens: reply.completionTokens,
                                               queueMs: queueMs, timeToFirstTokenMs: reply.timings.timeToFirstTokenMs,
                                               timePerOutputTokenMs: reply.timings.timePerOutputTokenMs,
                                               totalMs: reply.timings.totalMs,
                                               peakRssBytes: Self.peakResidentBytes(), outcome: outcome)
        // The measurement is a side effect of the request, so the ack waits for the broker's confirm of it: a worker
        // killed between ack and a buffered publish would lose the request's row for good, while a worker killed
        // before the ack has the request redelivered and measured again (the store keeps one row per request id).
        do {
            try await publisher.publish(measurement, exchange: Topology.Exchange.metrics, routingKey: Topology.RoutingKey.inferenceMetric)
        } catch {
            logger.warning("measurement not confirmed; queued for the emitter", metadata: ["id": "\(request.id)", "error": "\(error)"])
            emitter.emit(measurement, routingKey: Topology.RoutingKey.inferenceMetric)
        }
        return .ack
    }

    static let requests = MetricNameDescriptor(metricName: "lce_worker_requests", unitName: "total",
                                               helpText: "Generate requests this worker answered, by variant and outcome")
    static let reloads = MetricNameDescriptor(metricName: "lce_worker_model_reloads", unitName: "total",
                                              helpText: "Times this worker swapped in a reloaded model (a retrained adapter)")

    /// Serves `model` from the next generation on; the one in progress finishes on the model it started with.
    func replace(with model: LoadedModel) {
        let generator = Generator(model: model.model, contextCapacity: contextTokens)
        served.withLock { $0 = (model, generator) }
        registry.makeCounter(descriptor: Self.reloads, labels: [("variant", variant)]).increment()
    }

    /// The AMQP app id replies carry.
    private var appID: String { "worker-\(variant)" }

    /// Sends `reply` on the request's channel; the error when it cannot be.
    private func send(_ reply: GenerateReply, to message: IncomingMessage) -> Error? {
        do {
            try message.sendReply(reply, appID: appID)
            return nil
        } catch {
            return error
        }
    }

    /// Generates on the engine's thread and sends the reply from there at once: the answer does not wait for
    /// this task to be scheduled anywhere else first.
    private func generate(_ request: GenerateRequest, queueMs: Double,
                          replyingTo message: IncomingMessage) async throws -> (GenerateReply, Error?) {
        let deadline = request.deadline
        let (variant, worker, appID) = (self.variant, self.worker, self.appID)
        return try await withTaskExecutorPreference(engine) {
            // Taken on the engine's thread, where generations run one at a time: a swap lands between two of them.
            let (model, generator) = self.served.withLock { $0 }
            let options = GenerationOptions(maxTokens: request.maxTokens, temperature: Float(request.temperature),
                                            seed: withUnsafeBytes(of: request.id.uuid) { $0.loadUnaligned(as: UInt64.self) },
                                            stopSequences: request.stop ?? [], stopTokenIDs: model.stopTokenIDs)
            let started = Date()
            // Stop at the deadline too: an answer after it is thrown away by the requester.
            let result = try model.generate(request.prompt, options: options, generator: generator) { _ in Date() < deadline }
            let totalMs = Date().timeIntervalSince(started) * 1000
            let ttftMs = result.prefillSeconds * 1000
            let steps = max(result.tokens.count - 1, 0)
            let tpotMs = steps > 0 ? result.decodeSeconds * 1000 / Double(steps) : 0
            let reply = GenerateReply(id: request.id, model: variant, output: request.prompt + result.text, completion: result.text,
                                      promptTokens: result.promptTokenCount, completionTokens: result.tokens.count,
                                      finishReason: Self.finishReason(result.finishReason),
                                      timings: GenerateTimings(queueMs: queueMs, timeToFirstTokenMs: ttftMs, timePerOutputTokenMs: tpotMs,
                                                               generationMs: totalMs, totalMs: totalMs + queueMs),
                                      worker: worker)
            do {
                try message.sendReply(reply, appID: appID)
                return (reply, nil)
            } catch {
                return (reply, error)
            }
        }
    }

    private func failure(_ request: GenerateRequest, code: String, message: String) -> GenerateReply {
        GenerateReply(id: request.id, model: variant, finishReason: "error", worker: worker,
                      error: ErrorDetail(code: code, message: message))
    }

    /// The worker's peak resident memory: getrusage's maxrss is the figure /proc/self/status calls VmHWM,
    /// for one system call per request instead of reading and parsing a file.
    static func peakResidentBytes() -> Int64 {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int64(usage.ru_maxrss) * 1024
    }

    static func finishReason(_ reason: GenerationResult.FinishReason) -> String {
        switch reason {
        case .maxTokens, .contextFull: return "length"
        case .stopToken, .stopSequence: return "stop"
        case .cancelled: return "deadline"
        }
    }
}
