import Foundation
import Logging

/// Request/reply over RabbitMQ: publishes with `reply_to` = `amq.rabbitmq.reply-to` (direct reply-to, no reply queue to
/// declare) and a fresh `correlation_id`, and waits for the matching reply until the request's deadline.
public final class RPCClient: @unchecked Sendable {
    /// The pseudo-queue RabbitMQ routes direct replies through.
    public static let directReplyTo = "amq.rabbitmq.reply-to"

    /// The broker.
    public let url: AMQPURL
    private let name: String
    private let logger: Logger
    private let reconnect: ReconnectPolicy

    private struct Pending {
        let continuation: CheckedContinuation<IncomingMessage, Error>
        let routingKey: String
        let deadline: ContinuousClock.Instant
        let milliseconds: Int
    }

    private let lock = NSLock()
    private var pending: [String: Pending] = [:]
    private var channel: AMQPChannel?
    private var connecting: Task<AMQPChannel, Error>?
    private var closed = false
    // One task sleeps until the earliest deadline of the calls waiting, instead of a timer task per call.
    private var sweeper: Task<Void, Never>?
    private var sweeperDue: ContinuousClock.Instant?

    /// Creates a client; it connects on first use and again after losing the broker.
    public init(url: AMQPURL, name: String = "rpc", reconnect: ReconnectPolicy = ReconnectPolicy(),
                logger: Logger = Logger(label: "lce.messaging.rpc")) {
        self.url = url
        self.name = name
        self.reconnect = reconnect
        self.logger = logger
    }

    /// Sends `body` and returns the reply; throws `deadlineExceeded` after `timeout`, `unroutable` when no queue is
    /// bound for `routingKey`, `connectionClosed` when the broker goes away before the reply.
    ///
    /// The request is handed to the connection thread from inside the wait and the reply settles the wait on that
    /// thread, so a call costs one task suspension and no extra tasks.
    public func call(_ body: Data, exchange: String, routingKey: String, properties: MessageProperties = MessageProperties(),
                     timeout: Duration) async throws -> IncomingMessage {
        let channel = try await currentChannel()
        let correlationID = UUID().uuidString.lowercased()
        var properties = properties
        properties.correlationID = correlationID
        properties.replyTo = Self.directReplyTo
        if properties.messageID == nil { properties.messageID = correlationID }
        let milliseconds = Int(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let deadline = ContinuousClock.now + timeout

        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<IncomingMessage, Error>) in
                register(correlationID, Pending(continuation: continuation, routingKey: routingKey, deadline: deadline,
                                                milliseconds: milliseconds))
                // A cancellation that came before the registration found nothing to settle.
                if Task.isCancelled {
                    settle(correlationID, with: .failure(CancellationError()))
                    return
                }
                channel.send(body, exchange: exchange, routingKey: routingKey, properties: properties, mandatory: true) { [weak self] error in
                    if let error { self?.settle(correlationID, with: .failure(error)) }
                }
            }
        } onCancel: {
            self.settle(correlationID, with: .failure(CancellationError()))
        }
    }

    /// Sends `body` and waits for the reply until `deadline`.
    public func call(_ body: Data, exchange: String, routingKey: String, properties: MessageProperties = MessageProperties(),
                     deadline: Date) async throws -> IncomingMessage {
        let remaining = max(0, deadline.timeIntervalSinceNow)
        return try await call(body, exchange: exchange, routingKey: routingKey, properties: properties,
                              timeout: .milliseconds(Int64(remaining * 1000)))
    }

    /// Sends a contract and decodes the reply as `Reply`; the wait ends at `deadline`.
    public func call<Request: MessageContract, Reply: MessageContract>(_ request: Request, exchange: String, routingKey: String,
                                                                      expecting: Reply.Type, deadline: Date) async throws -> Reply {
        let properties = MessageProperties(messageID: request.id.uuidString, type: Request.schemaID, appID: name).stamped(Date())
        let reply = try await call(try ContractCoder.encode(request), exchange: exchange, routingKey: routingKey,
                                   properties: properties, deadline: deadline)
        return try ContractCoder.decode(Reply.self, from: reply.body)
    }

    /// Fails the calls still waiting and closes the connection.
    public func close() async {
        let (current, waiting) = withLock { () -> (AMQPChannel?, [Pending]) in
            closed = true
            sweeper?.cancel()
            sweeper = nil
            sweeperDue = nil
            let all = Array(pending.values)
            pending.removeAll()
            let current = channel
            channel = nil
            return (current, all)
        }
        for entry in waiting {
            entry.continuation.resume(throwing: MessagingError.connectionClosed(reason: "the RPC client is closed"))
        }
        await current?.connection.close()
    }

    private func withLock<T>(_ body: () -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        return body()
    }

    private func settle(_ correlationID: String, with result: Result<IncomingMessage, Error>) {
        guard let entry = withLock({ pending.removeValue(forKey: correlationID) }) else { return }
        entry.continuation.resume(with: result)
    }

    /// Adds a waiting call and makes sure the sweeper wakes by its deadline.
    private func register(_ correlationID: String, _ entry: Pending) {
        withLock {
            pending[correlationID] = entry
            if let due = sweeperDue, due <= entry.deadline { return }
            sweeper?.cancel()
            sweeperDue = entry.deadline
            sweeper = Task { [weak self] in await self?.sweep(until: entry.deadline) }
        }
    }

    /// Sleeps until `due`, fails the calls whose deadline has passed, and goes on to the next deadline.
    private func sweep(until due: ContinuousClock.Instant) async {
        var due = due
        while true {
            do {
                try await Task.sleep(until: due, clock: .continuous)
            } catch {
                return  // Replaced by a sweeper with an earlier deadline, or the client closed.
            }
            let now = ContinuousClock.now
            let (expired, next) = withLock { () -> ([Pending], ContinuousClock.Instant?) in
                var expired: [Pending] = []
                var next: ContinuousClock.Instant?
                for (id, entry) in pending {
                    if entry.deadline <= now {
                        expired.append(entry)
                        pending.removeValue(forKey: id)
                    } else if next.map({ entry.deadline < $0 }) ?? true {
                        next = entry.deadline
                    }
                }
                sweeperDue = next
                if next == nil { sweeper = nil }
                return (expired, next)
            }
            for entry in expired {
                entry.continuation.resume(throwing: MessagingError.deadlineExceeded(routingKey: entry.routingKey,
                                                                                  milliseconds: entry.milliseconds))
            }
            guard let next else { return }
            due = next
        }
    }

    private func failAll(_ error: Error) {
        let waiting = withLock { () -> [Pending] in
            let all = Array(pending.values)
            pending.removeAll()
            return all
        }
        for entry in waiting {
            entry.continuation.resume(throwing: error)
        }
    }

    private func currentChannel() async throws -> AMQPChannel {
        enum Next { case ready(AMQPChannel), wait(Task<AMQPChannel, Error>), closed }
        let next = withLock { () -> Next in
            if closed { return .closed }
            if let channel, channel.connection.isOpen { return .ready(channel) }
            if let connecting { return .wait(connecting) }
            let task = Task { try await self.connect() }
            connecting = task
            return .wait(task)
        }
        switch next {
        case .closed: throw MessagingError.connectionClosed(reason: "the RPC client is closed")
        case .ready(let channel): return channel
        case .wait(let task):
            do {
                let channel = try await task.value
                withLock { connecting = nil }
                return channel
            } catch {
                withLock { connecting = nil }
                throw error
            }
        }
    }

    private func connect() async throws -> AMQPChannel {
        var attempt = 0
        while true {
            do {
                let connection = try await AMQPConnection.connect(to: url, name: name, logger: logger)
                let channel = try await connection.openChannel()
                // Direct reply-to needs a no-ack consumer on the channel the requests are published on. Replies settle
                // their calls right on the connection thread: a stream and a task reading it would add a hop per call.
                _ = try await channel.consume(queue: Self.directReplyTo, noAck: true, deliver: { [weak self] reply in
                    guard let self, let id = reply.properties.correlationID else { return }
                    self.settle(id, with: .success(reply))
                }, end: { [weak self] error in
                    self?.failAll(error ?? MessagingError.consumerCancelled(queue: Self.directReplyTo))
                })
                try await channel.onReturn { [weak self] returned in
                    guard let self, let id = returned.properties.correlationID else { return }
                    self.settle(id, with: .failure(MessagingError.unroutable(exchange: returned.exchange, routingKey: returned.routingKey)))
                }
                withLock { self.channel = channel }
                return channel
            } catch let error as MessagingError where error.isConnectionLoss && attempt < 3 {
                logger.warning("cannot reach RabbitMQ for RPC; retrying", metadata: ["error": "\(error)", "attempt": "\(attempt + 1)"])
                try await Task.sleep(for: reconnect.delay(attempt: attempt))
                attempt += 1
            }
        }
    }
}
