import Messaging
import Testing

struct TopologyTests {
    @Test func quorumWorkQueuesDeadLetterToLceDeadWithADeliveryLimit() {
        let arguments = Topology(queueKind: .quorum, deliveryLimit: 7).workQueueArguments
        #expect(arguments == ["x-queue-type": "quorum", "x-dead-letter-exchange": "lce.dead", "x-delivery-limit": 7])
    }

    @Test func classicWorkQueuesOnlyNameTheDeadLetterExchange() {
        #expect(Topology(queueKind: .classic).workQueueArguments == ["x-dead-letter-exchange": "lce.dead"])
    }

    @Test func inferenceQueuesAreClassicByDefaultForLatency() {
        #expect(Topology().inferenceQueueArguments == ["x-dead-letter-exchange": "lce.dead"])
    }

    @Test func environmentChoosesQueueTypes() throws {
        let topology = try Topology.fromEnvironment(["LCE_QUEUE_TYPE": "classic", "LCE_INFERENCE_QUEUE_TYPE": "quorum"])
        #expect(topology.queueKind == .classic)
        #expect(topology.inferenceQueueKind == .quorum)
    }

    @Test func environmentRejectsAnUnknownQueueType() {
        #expect(throws: MessagingError.invalidName("LCE_QUEUE_TYPE=stream: expected quorum or classic")) {
            try Topology.fromEnvironment(["LCE_QUEUE_TYPE": "stream"])
        }
    }

    @Test func inferenceQueueIsNamedAfterTheVariant() {
        #expect(Topology.Queue.inference("lora.python") == "inference.lora.python")
    }

    @Test(arguments: ["base", "q8", "q4", "lora.python", "qlora.sql-v2"])
    func acceptsVariantIDs(_ variant: String) throws {
        try Topology.validateVariant(variant)
    }

    @Test(arguments: ["", "Base", "lora python", "lora/x", ".q4", "q4."])
    func rejectsMalformedVariantIDs(_ variant: String) {
        #expect(throws: MessagingError.self) { try Topology.validateVariant(variant) }
    }
}
