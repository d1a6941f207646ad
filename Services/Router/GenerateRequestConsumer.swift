import Foundation
import Logging
import Messaging
import Routing

/// Serves AMQP clients: consumes `generate.requests`, routes each like an HTTP request and
/// replies to its `reply_to` with its own `correlation_id`, acknowledging only after the reply.
enum GenerateRequestConsumer {
    static func make(url: AMQPURL, prefetch: Int, router: RequestRouter, logger: Logger) -> Consumer {
        let configuration = ConsumerConfiguration(queue: Topology.Queue.generateRequests, prefetch: UInt16(clamping: prefetch * 16),
                                                  name: "router-generate")
        return Consumer(url: url, configuration: configuration, logger: logger, decoding: GenerateRequest.self) { request, message in
            let reply: GenerateReply
            if request.deadline < Date() {
                reply = GenerateReply(id: request.id, model: request.variant ?? "none", finishReason: "error",
                                      error: ErrorDetail(code: "deadline", message: "the request's deadline passed before it was routed"))
            } else {
                do {
                    let answer = try await router.handle(GenerateCall(prompt: request.prompt, maxTokens: request.maxTokens,
                                                                      temperature: request.temperature, variant: request.variant),
                                                         id: request.id)
                    reply = GenerateReply(id: request.id, model: answer.model, output: answer.output, completion: answer.completion,
                                          promptTokens: answer.promptTokens, completionTokens: answer.completionTokens,
                                          timings: GenerateTimings(totalMs: answer.latencyMs))
                } catch {
                    let routerError = error as? RouterError ?? .workerFailed("\(error)")
                    reply = GenerateReply(id: request.id, model: request.variant ?? "none", finishReason: "error",
                                          error: ErrorDetail(code: "http_\(routerError.httpStatus)", message: routerError.description))
                }
            }
            // On the channel the request came in on: the later ack follows the reply on that channel, so no confirm
            // needs to be awaited first (see IncomingMessage.sendReply).
            do {
                try message.sendReply(reply, appID: "router")
            } catch {
                logger.warning("reply not sent; the request will be redelivered", metadata: ["id": "\(request.id)", "error": "\(error)"])
                return .requeue
            }
            return .ack
        }
    }
}
