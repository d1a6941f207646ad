import Foundation
import Messaging

/// Counts handlers running now, the most ever running at once, and messages finished.
actor ConcurrencyProbe {
    private(set) var running = 0
    private(set) var mostRunning = 0
    private(set) var finished = 0
    private(set) var bodies: [String] = []

    func enter() {
        running += 1
        mostRunning = max(mostRunning, running)
    }

    func leave(_ body: String = "") {
        running -= 1
        finished += 1
        bodies.append(body)
    }
}

/// A gate handlers wait at until the test opens it.
actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }
}

/// Polls `condition` every 20 ms until it holds or `timeout` passes; returns whether it held.
func eventually(within timeout: Duration, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let end = ContinuousClock.now + timeout
    while ContinuousClock.now < end {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// Opens a connection for the duration of `body`.
func withBrokerConnection<T>(_ body: (AMQPConnection) async throws -> T) async throws -> T {
    let connection = try await AMQPConnection.connect(to: BrokerEnvironment.url(), name: "messaging-tests")
    do {
        let result = try await body(connection)
        await connection.close()
        return result
    } catch {
        await connection.close()
        throw error
    }
}

/// Declares a durable quorum work queue named `name` the way the topology declares its own, and returns it.
@discardableResult
func declareWorkQueue(_ name: String, on connection: AMQPConnection) async throws -> String {
    let channel = try await connection.openChannel()
    try await channel.declareQueue(name, durable: true, arguments: Topology().workQueueArguments)
    await channel.close()
    return name
}

/// Deletes test queues, ignoring queues already gone.
func deleteQueues(_ names: String...) async {
    try? await withBrokerConnection { connection in
        for name in names {
            let channel = try await connection.openChannel()
            _ = try? await channel.deleteQueue(name)
            await channel.close()
        }
    }
}

/// Publishes `bodies` with confirms through the default exchange to `queue`.
func publish(_ bodies: [String], to queue: String, messageIDs: [String]? = nil) async throws {
    try await withBrokerConnection { connection in
        let channel = try await connection.openChannel()
        try await channel.enableConfirms()
        for (index, body) in bodies.enumerated() {
            try await channel.publish(Data(body.utf8), exchange: "", routingKey: queue,
                                      properties: MessageProperties(messageID: messageIDs?[index] ?? "m-\(index)"))
        }
    }
}

/// A test waited too long for a message.
struct TimedOut: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}

/// The first message of `stream` that satisfies `matches`, failing after `timeout` so a test never hangs.
func firstMessage(in stream: AsyncThrowingStream<IncomingMessage, Error>, within timeout: Duration, what: String,
                  where matches: @escaping @Sendable (IncomingMessage) -> Bool = { _ in true }) async throws -> IncomingMessage {
    try await withThrowingTaskGroup(of: IncomingMessage?.self) { group in
        group.addTask {
            for try await message in stream where matches(message) { return message }
            return nil
        }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let message = first else { throw TimedOut(what: what) }
        return message
    }
}
