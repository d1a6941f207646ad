import Foundation
import Messaging
import Testing

/// `lce dead`'s operations against the real broker, on private queues (the shared dead.letters is left alone).
@Suite(.enabled(if: BrokerEnvironment.isConfigured, BrokerEnvironment.skipReason))
struct DeadLetterQueueTests {
    /// The headers a consumer's dead-lettering writes (AMQPChannel.deadLetter), for a message first sent to `routingKey`.
    static func deadLetterHeaders(reason: String, from queue: String, routingKey: String) -> [String: AMQPFieldValue] {
        ["x-lce-reason": .string(reason), "x-lce-queue": .string(queue), "x-lce-exchange": "",
         "x-lce-routing-key": .string(routingKey), "x-lce-consumer": "test", "x-lce-dead-lettered-at": "2026-11-27T06:00:00.000Z",
         "x-app": "kept"]
    }

    /// A private dead-letter queue holding one message per id, each dead-lettered from `origin` with reason "reason <id>".
    static func fill(_ channel: AMQPChannel, queue: String, ids: [String], origin: String, routingKey: String) async throws {
        try await channel.declareQueue(queue, durable: false)
        for id in ids {
            try await channel.publish(Data("body \(id)".utf8), exchange: "", routingKey: queue,
                                      properties: MessageProperties(headers: deadLetterHeaders(reason: "reason \(id)", from: origin,
                                                                                                routingKey: routingKey),
                                                                    messageID: id, type: "lce.generate.request/v1"))
        }
    }

    static func count(_ queue: String, on channel: AMQPChannel) async throws -> Int {
        try await channel.declareQueue(queue, passive: true).messageCount
    }

    @Test func listReadsWhyAndWhereFromAndLeavesEveryMessage() async throws {
        let dead = BrokerEnvironment.uniqueName("dead-list")
        try await withBrokerConnection { connection in
            let channel = try await connection.openChannel()
            try await Self.fill(channel, queue: dead, ids: ["a", "b", "c"], origin: "generate.requests", routingKey: "generate")
            let box = DeadLetterQueue(connection: connection, queue: dead)

            let all = try await box.list(limit: 10)
            #expect(all.total == 3)
            #expect(Set(all.letters.compactMap(\.messageID)) == ["a", "b", "c"])
            #expect(all.settled == 0)
            let first = try #require(all.letters.first { $0.messageID == "a" })
            #expect(first.reason == "reason a")
            #expect(first.queue == "generate.requests")
            #expect(first.originalExchange == "")
            #expect(first.originalRoutingKey == "generate")
            #expect(first.schema == "lce.generate.request/v1")
            #expect(first.deadLetteredAt == "2026-11-27T06:00:00.000Z")
            #expect(try await Self.count(dead, on: channel) == 3)

            let some = try await box.list(limit: 2)
            #expect(some.letters.count == 2 && some.total == 3)
            #expect(try await Self.count(dead, on: channel) == 3)
            try await channel.deleteQueue(dead)
        }
    }

    @Test func retrySendsTheSelectedMessageBackWithoutTheDeadLetterHeaders() async throws {
        let dead = BrokerEnvironment.uniqueName("dead-retry")
        let origin = BrokerEnvironment.uniqueName("origin")
        try await withBrokerConnection { connection in
            let channel = try await connection.openChannel()
            try await channel.declareQueue(origin, durable: false)
            try await Self.fill(channel, queue: dead, ids: ["a", "b", "c"], origin: origin, routingKey: origin)
            let box = DeadLetterQueue(connection: connection, queue: dead)

            let outcome = try await box.settle(.retry, limit: 10) { $0.messageID == "b" }
            #expect(outcome.settled == 1)
            #expect(outcome.unroutable.isEmpty)
            let back = try #require(try await channel.get(queue: origin, noAck: true))
            #expect(back.properties.messageID == "b")
            #expect(String(decoding: back.body, as: UTF8.self) == "body b")
            #expect(back.properties.headers.keys.filter { $0.hasPrefix("x-lce-") }.isEmpty)
            #expect(back.properties.headers["x-app"] == "kept")
            #expect(try await channel.get(queue: origin, noAck: true) == nil)
            let left = try await box.list(limit: 10)
            #expect(Set(left.letters.compactMap(\.messageID)) == ["a", "c"])
            try await channel.deleteQueue(dead)
            try await channel.deleteQueue(origin)
        }
    }

    @Test func retryKeepsAMessageNoQueueCanTakeAndDropRemovesWhatItSelects() async throws {
        let dead = BrokerEnvironment.uniqueName("dead-drop")
        let gone = BrokerEnvironment.uniqueName("gone")
        try await withBrokerConnection { connection in
            let channel = try await connection.openChannel()
            try await Self.fill(channel, queue: dead, ids: ["a", "b"], origin: gone, routingKey: gone)
            let box = DeadLetterQueue(connection: connection, queue: dead)

            let retried = try await box.settle(.retry, limit: 10) { _ in true }
            #expect(retried.settled == 0)
            #expect(Set(retried.unroutable.compactMap(\.messageID)) == ["a", "b"])
            #expect(try await Self.count(dead, on: channel) == 2)

            let dropped = try await box.settle(.drop, limit: 10) { $0.messageID == "a" }
            #expect(dropped.settled == 1)
            #expect(try await box.list(limit: 10).letters.compactMap(\.messageID) == ["b"])
            try await channel.deleteQueue(dead)
        }
    }

    @Test func aMessageTheBrokerDeadLetteredShowsTheBrokersReasonAndRetriesToItsQueue() async throws {
        let dead = BrokerEnvironment.uniqueName("dead-broker")
        let source = BrokerEnvironment.uniqueName("source")
        try await withBrokerConnection { connection in
            let channel = try await connection.openChannel()
            try await channel.declareQueue(dead, durable: false)
            // Through the default exchange, so the broker's dead-lettering changes the routing key (x-death keeps the first).
            try await channel.declareQueue(source, durable: false, arguments: ["x-dead-letter-exchange": "",
                                                                               "x-dead-letter-routing-key": .string(dead)])
            try await channel.publish(Data("poison".utf8), exchange: "", routingKey: source, properties: MessageProperties(messageID: "p"))
            let taken = try #require(try await channel.get(queue: source))
            try await taken.reject(requeue: false)

            let box = DeadLetterQueue(connection: connection, queue: dead)
            #expect(await eventually(within: .seconds(5)) { (try? await Self.count(dead, on: channel)) == 1 })
            let letter = try #require(try await box.list(limit: 10).letters.first)
            #expect(letter.messageID == "p")
            #expect(letter.reason == "rejected by the broker: rejected")
            #expect(letter.queue == source)
            #expect(letter.originalRoutingKey == source)
            #expect(try await box.settle(.retry, limit: 10) { _ in true }.settled == 1)
            let back = try #require(try await channel.get(queue: source, noAck: true))
            #expect(back.properties.messageID == "p")
            #expect(back.properties.headers["x-death"] == nil)
            try await channel.deleteQueue(dead)
            try await channel.deleteQueue(source)
        }
    }
}
