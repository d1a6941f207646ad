import Foundation
import Logging
import Messaging
import Routing

/// Sends routed requests to `lce.inference` (routing key = variant) as RPCs and maps the
/// broker's and workers' failures to the router's errors.
struct AMQPInferenceDispatcher: InferenceDispatcher {
    let rpc: RPCClient
    let pools: InferencePoolMonitor

    func liveVariants(among candidates: Set<String>) async -> Set<String> {
        await pools.liveVariants(among: candidates)
    }

    func dispatch(_ job: DispatchJob) async throws -> DispatchResult {
        let request = GenerateRequest(id: job.id, prompt: job.prompt, maxTokens: job.maxTokens,
                                      temperature: job.temperature, variant: job.variant, deadline: job.deadline)
        let reply: GenerateReply
        do {
            reply = try await rpc.call(request, exchange: Topology.Exchange.inference, routingKey: job.variant,
                                       expecting: GenerateReply.self, deadline: job.deadline)
        } catch let error as MessagingError {
            switch error {
            case .deadlineExceeded: throw RouterError.timedOut("no answer from the \(job.variant) workers before the deadline")
            case .unroutable: throw RouterError.unavailable("no queue for variant \(job.variant): start a worker with --variant \(job.variant)")
            default: throw RouterError.unavailable("broker unavailable: \(error)")
            }
        }
        await pools.answered(by: job.variant)
        if let failure = reply.error {
            switch failure.code {
            case "prompt_too_long", "invalid_request": throw RouterError.unprocessable(failure.message)
            case "deadline": throw RouterError.timedOut(failure.message)
            default: throw RouterError.workerFailed("the \(job.variant) worker failed: \(failure.message)")
            }
        }
        return DispatchResult(completion: reply.completion, promptTokens: reply.promptTokens,
                              completionTokens: reply.completionTokens, generationMs: reply.timings.generationMs)
    }
}
