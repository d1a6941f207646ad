import Foundation
import Testing
@testable import Messaging

/// How `lce submit` reads the events of its job.
struct JobWatchTests {
    static func message(_ body: Data, type: String?) -> IncomingMessage {
        IncomingMessage(body: body, properties: MessageProperties(type: type), exchange: "lce.events", routingKey: "k",
                        deliveryTag: 1, redelivered: false, consumerTag: "", channel: nil)
    }

    @Test func eventsAreDecodedByTheirTypeOrTheirSchemaField() throws {
        let job = UUID()
        let step = TrainingStep(jobId: job, step: 3, loss: 1.5, learningRate: 1e-3, elapsedS: 2)
        let decoded = JobWatch.event(from: Self.message(try ContractCoder.encode(step), type: TrainingStep.schemaID))
        guard case .trainingStep(let read)? = decoded else { Issue.record("not a training step: \(String(describing: decoded))"); return }
        #expect(read.step == 3 && read.jobId == job)

        // A publisher that set no AMQP type is read by the body's schema field.
        let failure = JobFailed(jobId: job, jobKind: "train", error: "no such model")
        guard case .failed(let failed)? = JobWatch.event(from: Self.message(try ContractCoder.encode(failure), type: nil)) else {
            Issue.record("job.failed not decoded"); return
        }
        #expect(failed.error == "no such model")
        #expect(JobWatch.event(from: Self.message(try ContractCoder.encode(failure), type: nil))?.jobID == job)
    }

    @Test func anEvaluationEndsWithItsFinishedEvent() throws {
        let job = UUID()
        let finished = EvaluationFinished(jobId: job, evaluated: ["base"], unavailable: [.init(variant: "lora.x", reason: "no adapter")],
                                          durationS: 3, createdAt: Date(timeIntervalSince1970: 1_790_000_000.125))
        let decoded = JobWatch.event(from: Self.message(try ContractCoder.encode(finished), type: EvaluationFinished.schemaID))
        guard case .evaluationFinished(let read)? = decoded else { Issue.record("not decoded: \(String(describing: decoded))"); return }
        #expect(read == finished && decoded?.jobID == job)
    }

    @Test func otherSchemasAndBrokenBodiesAreSkipped() throws {
        let heartbeat = ServiceHeartbeat(service: "worker", instance: "i")
        #expect(JobWatch.event(from: Self.message(try ContractCoder.encode(heartbeat), type: ServiceHeartbeat.schemaID)) == nil)
        #expect(JobWatch.event(from: Self.message(Data("not json".utf8), type: nil)) == nil)
        #expect(JobWatch.event(from: Self.message(Data("{\"schema\": \"lce.training.step/v1\"}".utf8), type: nil)) == nil)
    }
}
