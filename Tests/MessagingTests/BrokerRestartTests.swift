import Foundation
import Messaging
import Testing

/// Runs `Deploy/local/rabbitmq.sh <command>` and waits for it (the script bounds its own waits).
private func rabbitmqScript(_ command: String) async throws -> Int32 {
    let script = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Deploy/local/rabbitmq.sh")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [script.path, command]
    return try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
        do { try process.run() } catch { continuation.resume(throwing: error) }
    }
}

/// Restarting the broker disturbs every other test using it, so these run only when asked for.
@Suite(.enabled(if: BrokerEnvironment.isConfigured && ProcessInfo.processInfo.environment["LCE_BROKER_RESTART_TESTS"] == "1",
                "restarts the broker: set LCE_BROKER_RESTART_TESTS=1 (with AMQP_URL from Deploy/local/rabbitmq.sh env) to run"),
       .serialized)
struct BrokerRestartTests {
    @Test func consumerAndPublisherRecoverAfterABrokerRestart() async throws {
        let queue = BrokerEnvironment.uniqueName("restart")
        let url = try BrokerEnvironment.url()
        let probe = ConcurrencyProbe()
        let backoff = ReconnectPolicy(initialDelay: .milliseconds(200), maximumDelay: .seconds(2))
        let consumer = Consumer(url: url, configuration: ConsumerConfiguration(queue: queue, prefetch: 5, reconnect: backoff),
                                setup: { try await declareWorkQueue(queue, on: $0) }) { message in
            await probe.enter()
            await probe.leave(String(decoding: message.body, as: UTF8.self))
            return .ack
        }
        let publisher = Publisher(url: url, topology: nil, reconnect: backoff, retryWindow: .seconds(90))
        let running = Task { try await consumer.run() }
        #expect(await eventually(within: .seconds(10)) { consumer.isConsuming })
        try await publisher.publish(Data("before".utf8), exchange: "", routingKey: queue)
        #expect(await eventually(within: .seconds(10)) { await probe.bodies.contains("before") })

        #expect(try await rabbitmqScript("stop") == 0)
        #expect(await eventually(within: .seconds(10)) { !consumer.isConsuming })
        #expect(try await rabbitmqScript("start") == 0)

        try await publisher.publish(Data("after".utf8), exchange: "", routingKey: queue)
        #expect(await eventually(within: .seconds(60)) { await probe.bodies.contains("after") })
        #expect(consumer.isConsuming)

        consumer.shutdown()
        try await running.value
        await publisher.close()
        await deleteQueues(queue)
    }
}
