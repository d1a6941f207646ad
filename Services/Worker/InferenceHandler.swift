import Foundation
import Logging
import Messaging
import Models
import Prometheus
import ServiceKit

/// Answers one generate request: drops it if its deadline has passed, generates on the
/// engine's thread, replies to the requester, publishes the request's measurements and only
/// then lets the consumer acknowledge it.
final class InferenceHandler: Sendable {
    let variant: String
    let worker: String
    let registry = PrometheusCollectorRegistry()
    private let model: LoadedModel
    private let generator: Generator
    private let engine = BlockingWorkQueue(label: "lce.worker.engine")
    private let publisher: Publisher
    private let emitter: MetricsEmitter
    private let logger: Logger

    init(variant: String, worker: String, model: LoadedModel, contextTokens: Int?, publisher: Publisher,
         emitter: MetricsEmitter, logger: Logger) {
        self.variant = variant
        self.worker = worker
        self.model = model
        self.generator = Generator(model: model.model, contextCapacity: contextTokens)
        self.publisher = publisher
        self.emitter = emitter
        self.logger = logger
    }

    func handle(_ request: GenerateRequest, message: IncomingMessage) async throws -> ConsumerDisposition {
        let received = Date()
        let queueMs = message.properties.timestamp.map { max(0, received.timeIntervalSince($0) * 1000) } ?? 0
        let reply: GenerateReply
        var outcome = "ok"
        if request.deadline < received {
            outcome = "deadline"
            reply = failure(request, code: "deadline", message: "the deadline passed before a \(variant) worker took the request")
        } else {
            do {
                reply = try await generate(request, queueMs: queueMs)
            } catch let error as ModelError {
                outcome = "error"
                let code: String
                if case .contextOverflow = error { code = "prompt_too_long" } else { code = "invalid_request" }
                reply = failure(request, code: code, message: "\(error)")
            }
        }
        do {
            try await publisher.reply(to: message, with: reply)
        } catch {
            logger.warning("reply not sent; requeueing", metadata: ["id": "\(request.id)", "error": "\(error)"])
            return .requeue
        }
        registry.makeCounter(name: "lce_worker_requests_total", labels: [("variant", variant), ("outcome", outcome)]).increment()
        let measurement = InferenceMeasurement(requestId: request.id, variant: variant, worker: worker,
                                               promptTokens: reply.promptTokens, completionTokens: reply.completionTokens,
                                               queueMs: queueMs, timeToFirstTokenMs: reply.timings.timeToFirstTokenMs,
                                               timePerOutputTokenMs: reply.timings.timePerOutputTokenMs,
                                               totalMs: reply.timings.totalMs,
                                               peakRssBytes: Int64(ResourceUsage.peakResidentBytes()), outcome: outcome)
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

    private func generate(_ request: GenerateRequest, queueMs: Double) async throws -> GenerateReply {
        let options = GenerationOptions(maxTokens: request.maxTokens, temperature: Float(request.temperature),
                                        seed: withUnsafeBytes(of: request.id.uuid) { $0.loadUnaligned(as: UInt64.self) },
                                        stopSequences: request.stop ?? [], stopTokenIDs: model.stopTokenIDs)
        let deadline = request.deadline
        let (model, generator) = (self.model, self.generator)
        let started = Date()
        let result = try await engine.run {
            // Stop at the deadline too: an answer after it is thrown away by the requester.
            try model.generate(request.prompt, options: options, generator: generator) { _ in Date() < deadline }
        }
        let totalMs = Date().timeIntervalSince(started) * 1000
        let ttftMs = result.prefillSeconds * 1000
        let steps = max(result.tokens.count - 1, 0)
        let tpotMs = steps > 0 ? result.decodeSeconds * 1000 / Double(steps) : 0
        return GenerateReply(id: request.id, model: variant, output: request.prompt + result.text, completion: result.text,
                             promptTokens: result.promptTokenCount, completionTokens: result.tokens.count,
                             finishReason: Self.finishReason(result.finishReason),
                             timings: GenerateTimings(queueMs: queueMs, timeToFirstTokenMs: ttftMs, timePerOutputTokenMs: tpotMs,
                                                      generationMs: totalMs, totalMs: totalMs + queueMs),
                             worker: worker)
    }

    private func failure(_ request: GenerateRequest, code: String, message: String) -> GenerateReply {
        GenerateReply(id: request.id, model: variant, finishReason: "error", worker: worker,
                      error: ErrorDetail(code: code, message: message))
    }

    static func finishReason(_ reason: GenerationResult.FinishReason) -> String {
        switch reason {
        case .maxTokens, .contextFull: return "length"
        case .stopToken, .stopSequence: return "stop"
        case .cancelled: return "deadline"
        }
    }
}
