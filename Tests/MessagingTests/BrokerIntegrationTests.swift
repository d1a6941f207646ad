import Foundation
import Logging
import Messaging
import ServiceLifecycle
import Testing

/// Behaviour against the real broker that `Deploy/local/rabbitmq.sh start` runs.
@Suite(.enabled(if: BrokerEnvironment.isConfigured, BrokerEnvironment.skipReason), .serialized)
struct BrokerIntegrationTests {
    @Test func publishWithConfirmsThenConsumeWithManualAck() async throws {
        let queue = BrokerEnvironment.uniqueName("confirm")
        try await withBrokerConnection { connection in
            try await declareWorkQueue(queue, on: connection)
            let channel = try await connection.openChannel()
            try await channel.enableConfirms()
            for index in 0..<10 {
                try await channel.publish(Data("m\(index)".utf8), exchange: "", routingKey: queue,
                                          properties: MessageProperties(headers: ["n": .int(Int64(index))], messageID: "id-\(index)"))
            }
            try await channel.setPrefetch(5)
            let (_, deliveries) = try await channel.consume(queue: queue)
            var bodies: [String] = []
            for _ in 0..<10 {
                let message = try await firstMessage(in: deliveries, within: .seconds(10), what: "message \(bodies.count)")
                bodies.append(String(decoding: message.body, as: UTF8.self))
                #expect(message.properties.messageID == "id-\(bodies.count - 1)")
                #expect(message.properties.headers["n"] == .int(Int64(bodies.count - 1)))
                #expect(message.properties.persistent)
                try await message.ack()
            }
            #expect(bodies == (0..<10).map { "m\($0)" })
            let check = try await connection.openChannel()
            #expect(try await check.declareQueue(queue, arguments: Topology().workQueueArguments, passive: true).messageCount == 0)
        }
        await deleteQueues(queue)
    }

    @Test func headersOfEveryKindSurviveTheBroker() async throws {
        let queue = BrokerEnvironment.uniqueName("headers")
        let headers: [String: AMQPFieldValue] = [
            "text": "héllo", "count": .int(-42), "ratio": .double(0.5), "flag": true,
            "nested": .table(["inner": "x", "n": .int(7)]), "list": .array(["a", .int(1), .bool(false)]),
        ]
        let received = try await withBrokerConnection { connection -> IncomingMessage in
            let channel = try await connection.openChannel()
            try await channel.declareQueue(queue, durable: false, exclusive: true, autoDelete: true)
            try await channel.enableConfirms()
            let properties = MessageProperties(contentType: "text/plain", headers: headers, persistent: false, correlationID: "c-1",
                                               replyTo: "somewhere", expiration: "60000", messageID: "m-1",
                                               timestamp: Date(timeIntervalSince1970: 1_790_000_000), type: "t", appID: "tests", priority: 3)
            try await channel.publish(Data("x".utf8), exchange: "", routingKey: queue, properties: properties)
            let (_, deliveries) = try await channel.consume(queue: queue, noAck: true)
            return try await firstMessage(in: deliveries, within: .seconds(10), what: "the message")
        }
        #expect(received.properties.headers == headers)
        #expect(received.properties.contentType == "text/plain")
        #expect(received.properties.persistent == false)
        #expect(received.properties.correlationID == "c-1")
        #expect(received.properties.replyTo == "somewhere")
        #expect(received.properties.expiration == "60000")
        #expect(received.properties.timestamp == Date(timeIntervalSince1970: 1_790_000_000))
        #expect(received.properties.type == "t")
        #expect(received.properties.appID == "tests")
        #expect(received.properties.priority == 3)
    }

    @Test func consumerHoldsNoMoreThanItsPrefetch() async throws {
        let queue = BrokerEnvironment.uniqueName("prefetch")
        _ = try await withBrokerConnection { try await declareWorkQueue(queue, on: $0) }
        try await publish((0..<10).map { "m\($0)" }, to: queue)
        let probe = ConcurrencyProbe()
        let gate = Gate()
        let consumer = Consumer(url: try BrokerEnvironment.url(), configuration: ConsumerConfiguration(queue: queue, prefetch: 3),
                                setup: { _ in }) { message in
            await probe.enter()
            await gate.wait()
            await probe.leave(String(decoding: message.body, as: UTF8.self))
            return .ack
        }
        let running = Task { try await consumer.run() }
        #expect(await eventually(within: .seconds(5)) { await probe.running == 3 })
        try await Task.sleep(for: .milliseconds(300))
        let ready = try await withBrokerConnection { connection in
            try await connection.openChannel().declareQueue(queue, arguments: Topology().workQueueArguments, passive: true).messageCount
        }
        #expect(ready == 7)
        #expect(await probe.mostRunning == 3)
        await gate.open()
        #expect(await eventually(within: .seconds(5)) { await probe.finished == 10 })
        consumer.shutdown()
        try await running.value
        await deleteQueues(queue)
    }

    @Test func undecodableMessageIsDeadLetteredWithTheReason() async throws {
        let queue = BrokerEnvironment.uniqueName("poison")
        let capture = BrokerEnvironment.uniqueName("dead-capture")
        let url = try BrokerEnvironment.url()
        let observer = try await AMQPConnection.connect(to: url, name: "dead-letter-observer")
        try await Topology().declare(on: observer)
        try await declareWorkQueue(queue, on: observer)
        let captureChannel = try await observer.openChannel()
        // lce.dead is a fanout: a private queue bound to it sees every dead letter that dead.letters sees.
        try await captureChannel.declareQueue(capture, durable: false, exclusive: true, autoDelete: true)
        try await captureChannel.bindQueue(capture, to: Topology.Exchange.dead, routingKey: "")
        let (_, deadLetters) = try await captureChannel.consume(queue: capture, noAck: true)

        let handled = ConcurrencyProbe()
        let consumer = Consumer(url: url, configuration: ConsumerConfiguration(queue: queue, prefetch: 2), setup: { _ in },
                                decoding: GenerateRequest.self) { _, _ in
            await handled.enter()
            await handled.leave()
            return .ack
        }
        let running = Task { try await consumer.run() }
        let poisonID = "poison-\(UUID().uuidString)"
        try await publish(["{\"schema\": \"lce.generate.request/v1\", \"prompt\": "], to: queue, messageIDs: [poisonID])

        let dead = try await firstMessage(in: deadLetters, within: .seconds(10), what: "the dead letter") {
            $0.properties.messageID == poisonID
        }
        #expect(dead.properties.headers["x-lce-reason"]?.stringValue?.hasPrefix("malformed JSON") == true)
        #expect(dead.properties.headers["x-lce-queue"]?.stringValue == queue)
        #expect(String(decoding: dead.body, as: UTF8.self) == "{\"schema\": \"lce.generate.request/v1\", \"prompt\": ")
        #expect(await handled.finished == 0)
        #expect(await eventually(within: .seconds(3)) {
            (try? await withBrokerConnection { try await $0.openChannel().declareQueue(queue, arguments: Topology().workQueueArguments, passive: true).messageCount }) == 0
        })
        consumer.shutdown()
        try await running.value
        await observer.close()
        await deleteQueues(queue)
    }

    @Test func invalidMessageReasonNamesTheMissingField() async throws {
        let queue = BrokerEnvironment.uniqueName("invalid")
        let capture = BrokerEnvironment.uniqueName("dead-capture")
        let url = try BrokerEnvironment.url()
        let observer = try await AMQPConnection.connect(to: url, name: "dead-letter-observer")
        try await Topology().declare(on: observer)
        try await declareWorkQueue(queue, on: observer)
        let captureChannel = try await observer.openChannel()
        try await captureChannel.declareQueue(capture, durable: false, exclusive: true, autoDelete: true)
        try await captureChannel.bindQueue(capture, to: Topology.Exchange.dead, routingKey: "")
        let (_, deadLetters) = try await captureChannel.consume(queue: capture, noAck: true)
        let consumer = Consumer(url: url, configuration: ConsumerConfiguration(queue: queue), setup: { _ in },
                                decoding: GenerateRequest.self) { _, _ in .ack }
        let running = Task { try await consumer.run() }
        let id = "invalid-\(UUID().uuidString)"
        let body = """
        {"schema": "lce.generate.request/v1", "id": "\(UUID().uuidString)", "prompt": "hi", "temperature": 0, "deadline": "2030-01-01T00:00:00Z"}
        """
        try await publish([body], to: queue, messageIDs: [id])
        let dead = try await firstMessage(in: deadLetters, within: .seconds(10), what: "the dead letter") { $0.properties.messageID == id }
        #expect(dead.properties.headers["x-lce-reason"]?.stringValue == "lce.generate.request/v1: missing required field 'max_tokens'")
        consumer.shutdown()
        try await running.value
        await observer.close()
        await deleteQueues(queue)
    }

    @Test func messageRedeliveredTooOftenIsDeadLetteredUnprocessed() async throws {
        let queue = BrokerEnvironment.uniqueName("bouncing")
        let capture = BrokerEnvironment.uniqueName("dead-capture")
        let url = try BrokerEnvironment.url()
        let observer = try await AMQPConnection.connect(to: url, name: "dead-letter-observer")
        try await Topology().declare(on: observer)
        try await declareWorkQueue(queue, on: observer)
        let captureChannel = try await observer.openChannel()
        try await captureChannel.declareQueue(capture, durable: false, exclusive: true, autoDelete: true)
        try await captureChannel.bindQueue(capture, to: Topology.Exchange.dead, routingKey: "")
        let (_, deadLetters) = try await captureChannel.consume(queue: capture, noAck: true)
        let id = "bounce-\(UUID().uuidString)"
        try await publish(["crashes its consumer"], to: queue, messageIDs: [id])

        // Two consumers that die holding the message, as a crashing worker would.
        for _ in 0..<2 {
            let dying = try await AMQPConnection.connect(to: url, name: "crashing-consumer")
            let channel = try await dying.openChannel()
            let (_, deliveries) = try await channel.consume(queue: queue)
            _ = try await firstMessage(in: deliveries, within: .seconds(10), what: "the bouncing message")
            await dying.close()
        }

        let probe = ConcurrencyProbe()
        let consumer = Consumer(url: url, configuration: ConsumerConfiguration(queue: queue, maxDeliveries: 2), setup: { _ in }) { _ in
            await probe.enter()
            await probe.leave()
            return .ack
        }
        let running = Task { try await consumer.run() }
        let dead = try await firstMessage(in: deadLetters, within: .seconds(10), what: "the dead letter") { $0.properties.messageID == id }
        #expect(dead.properties.headers["x-lce-reason"]?.stringValue == "delivered 3 times without being settled (it may crash its consumer)")
        #expect(await probe.finished == 0)
        consumer.shutdown()
        try await running.value
        await observer.close()
        await deleteQueues(queue)
    }

    @Test func rpcRoundTripReturnsTheWorkersReply() async throws {
        let queue = BrokerEnvironment.uniqueName("rpc")
        let url = try BrokerEnvironment.url()
        _ = try await withBrokerConnection { try await declareWorkQueue(queue, on: $0) }
        let replies = Publisher(url: url, name: "echo-worker", topology: nil)
        let worker = Consumer(url: url, configuration: ConsumerConfiguration(queue: queue), setup: { _ in },
                              decoding: GenerateRequest.self) { request, message in
            // The worker reads when the request was published, to the millisecond, from the request's header.
            let published = message.properties.headers[MessageProperties.publishedAtHeader]?.intValue ?? -1
            let reply = GenerateReply(id: request.id, model: "echo", output: request.prompt + "!", completion: "\(published)",
                                      promptTokens: 1, completionTokens: 1)
            try await replies.reply(to: message, with: reply)
            return .ack
        }
        let running = Task { try await worker.run() }
        let client = RPCClient(url: url)
        let request = GenerateRequest(prompt: "hello", deadline: Date().addingTimeInterval(10))
        let sent = Date()
        let reply = try await client.call(request, exchange: "", routingKey: queue, expecting: GenerateReply.self,
                                          deadline: Date().addingTimeInterval(10))
        let answered = Date()
        #expect(reply.id == request.id)
        #expect(reply.output == "hello!")
        #expect(reply.model == "echo")
        let published = Double(Int64(reply.completion) ?? -1) / 1000
        #expect(published >= (sent.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
        #expect(published <= answered.timeIntervalSince1970 + 0.001)
        await client.close()
        worker.shutdown()
        try await running.value
        await replies.close()
        await deleteQueues(queue)
    }

    @Test func invalidRequestGetsAnErrorReplyBeforeBeingDeadLettered() async throws {
        let queue = BrokerEnvironment.uniqueName("rpc-invalid")
        let url = try BrokerEnvironment.url()
        _ = try await withBrokerConnection { try await declareWorkQueue(queue, on: $0) }
        let replies = Publisher(url: url, name: "strict-worker", topology: nil)
        let worker = Consumer(url: url, configuration: ConsumerConfiguration(queue: queue), setup: { _ in }, decoding: GenerateRequest.self,
                              onRejected: { error, message in
                                  let reply = GenerateReply.failure(to: UUID(), model: "base", code: "invalid_request", message: error.description)
                                  _ = try? await replies.reply(to: message, with: reply)
                              }) { _, _ in .ack }
        let running = Task { try await worker.run() }
        let client = RPCClient(url: url)
        let body = Data(#"{"schema": "lce.generate.request/v1", "prompt": "x"}"#.utf8)
        let reply = try await client.call(body, exchange: "", routingKey: queue, timeout: .seconds(10))
        let decoded = try ContractCoder.decode(GenerateReply.self, from: reply.body)
        #expect(decoded.error?.code == "invalid_request")
        #expect(decoded.error?.message == "lce.generate.request/v1: missing required field 'id'")
        await client.close()
        worker.shutdown()
        try await running.value
        await replies.close()
        await deleteQueues(queue)
    }

    @Test func rpcCallFailsAtItsDeadlineWhenNobodyAnswers() async throws {
        let queue = BrokerEnvironment.uniqueName("rpc-silent")
        _ = try await withBrokerConnection { try await declareWorkQueue(queue, on: $0) }
        let client = RPCClient(url: try BrokerEnvironment.url())
        let started = ContinuousClock.now
        await #expect(throws: MessagingError.deadlineExceeded(routingKey: queue, milliseconds: 300)) {
            _ = try await client.call(Data("{}".utf8), exchange: "", routingKey: queue, timeout: .milliseconds(300))
        }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(3))
        await client.close()
        await deleteQueues(queue)
    }

    @Test func rpcCallToAVariantWithNoQueueFailsAsUnroutable() async throws {
        try await withBrokerConnection { try await Topology().declare(on: $0) }
        let client = RPCClient(url: try BrokerEnvironment.url())
        await #expect(throws: MessagingError.unroutable(exchange: Topology.Exchange.inference, routingKey: "no-such-variant")) {
            _ = try await client.call(Data("{}".utf8), exchange: Topology.Exchange.inference, routingKey: "no-such-variant",
                                      timeout: .seconds(5))
        }
        await client.close()
    }

    @Test func unackedMessageIsRedeliveredToAnotherConsumerWhenItsConnectionDies() async throws {
        let queue = BrokerEnvironment.uniqueName("redeliver")
        _ = try await withBrokerConnection { try await declareWorkQueue(queue, on: $0) }
        try await publish(["job"], to: queue, messageIDs: ["job-1"])

        let dying = try await AMQPConnection.connect(to: BrokerEnvironment.url(), name: "dying-consumer")
        let dyingChannel = try await dying.openChannel()
        try await dyingChannel.setPrefetch(1)
        let (_, first) = try await dyingChannel.consume(queue: queue)
        let taken = try await firstMessage(in: first, within: .seconds(10), what: "the first delivery")
        #expect(taken.redelivered == false)
        await dying.close()

        let (redelivered, closed) = try await withBrokerConnection { connection -> (IncomingMessage?, Bool) in
            let channel = try await connection.openChannel()
            try await channel.setPrefetch(1)
            let (_, second) = try await channel.consume(queue: queue)
            let message: IncomingMessage? = try await firstMessage(in: second, within: .seconds(10), what: "the redelivery")
            try await message?.ack()
            return (message, !dying.isOpen)
        }
        #expect(closed)
        #expect(redelivered?.properties.messageID == "job-1")
        #expect(redelivered?.redelivered == true)
        #expect(redelivered?.previousDeliveries == 1)
        await deleteQueues(queue)
    }

    @Test func shutdownFinishesInFlightWorkAndAcksIt() async throws {
        let queue = BrokerEnvironment.uniqueName("shutdown")
        _ = try await withBrokerConnection { try await declareWorkQueue(queue, on: $0) }
        try await publish(["slow"], to: queue)
        let probe = ConcurrencyProbe()
        let consumer = Consumer(url: try BrokerEnvironment.url(), configuration: ConsumerConfiguration(queue: queue, prefetch: 1),
                                setup: { _ in }) { _ in
            await probe.enter()
            try await Task.sleep(for: .milliseconds(400))
            await probe.leave()
            return .ack
        }
        let running = Task { try await consumer.run() }
        #expect(await eventually(within: .seconds(5)) { await probe.running == 1 })
        consumer.shutdown()
        try await running.value
        #expect(await probe.finished == 1)
        let left = try await withBrokerConnection { connection in
            try await connection.openChannel().declareQueue(queue, arguments: Topology().workQueueArguments, passive: true)
        }
        #expect(left.messageCount == 0)
        #expect(left.consumerCount == 0)
        await deleteQueues(queue)
    }

    @Test func serviceGroupGracefulShutdownStopsTheConsumer() async throws {
        let queue = BrokerEnvironment.uniqueName("lifecycle")
        _ = try await withBrokerConnection { try await declareWorkQueue(queue, on: $0) }
        let consumer = Consumer(url: try BrokerEnvironment.url(), configuration: ConsumerConfiguration(queue: queue), setup: { _ in }) { _ in .ack }
        let group = ServiceGroup(services: [consumer], logger: Logger(label: "test.lifecycle"))
        let running = Task { try await group.run() }
        #expect(await eventually(within: .seconds(5)) { consumer.isConsuming })
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(!consumer.isConsuming)
        await deleteQueues(queue)
    }

    @Test func connectingToAPortWithNoBrokerFailsWithTheAddress() async throws {
        var url = try BrokerEnvironment.url()
        url.port = 1
        let error = await #expect(throws: MessagingError.self) { _ = try await AMQPConnection.connect(to: url) }
        guard case .connectFailed(let where_, let reason) = error else { Issue.record("expected connectFailed"); return }
        let vhost = url.virtualHost == "/" ? "" : url.virtualHost
        #expect(where_.hasSuffix("@\(url.host):1/\(vhost)"))
        #expect(reason.hasPrefix("no TCP connection to \(url.host):1 (refused or unreachable"))
    }

    @Test func wrongPasswordFailsToConnect() async throws {
        var url = try BrokerEnvironment.url()
        url.password = "not-the-password"
        let error = await #expect(throws: MessagingError.self) { _ = try await AMQPConnection.connect(to: url) }
        guard case .connectFailed(_, let reason) = error else { Issue.record("expected connectFailed"); return }
        #expect(reason.hasPrefix("403 ACCESS_REFUSED"))
    }

    @Test func declaringTheTopologyTwiceSucceeds() async throws {
        try await withBrokerConnection { connection in
            try await Topology().declare(on: connection)
            try await Topology().declare(on: connection)
            let queue = try await Topology().declareInferenceQueue(variant: "test-variant", on: connection)
            #expect(queue == "inference.test-variant")
            let channel = try await connection.openChannel()
            #expect(try await channel.declareQueue(Topology.Queue.deadLetters, passive: true).name == "dead.letters")
        }
        await deleteQueues("inference.test-variant")
    }
}
