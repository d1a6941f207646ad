import Foundation

/// A message in `dead.letters`, read the way an operator wants it: why it is there, where it came from.
///
/// lce's consumers dead-letter with `x-lce-*` headers (`AMQPChannel.deadLetter`); a message the broker dead-lettered
/// itself (rejected without requeue, a quorum queue's delivery limit) carries RabbitMQ's `x-first-death-*` headers instead.
public struct DeadLetter: Sendable {
    /// The message as it sits in `dead.letters`.
    public let message: IncomingMessage

    public init(_ message: IncomingMessage) {
        self.message = message
    }

    private func header(_ name: String) -> String? { message.properties.headers[name]?.stringValue }

    /// The message id its producer gave it.
    public var messageID: String? { message.properties.messageID }
    /// Its schema (the AMQP `type` property, e.g. `lce.generate.request/v1`).
    public var schema: String? { message.properties.type }
    /// Why it was dead-lettered.
    public var reason: String {
        header("x-lce-reason") ?? header("x-first-death-reason").map { "rejected by the broker: \($0)" } ?? "no reason recorded"
    }
    /// The queue it was taken from.
    public var queue: String? { header("x-lce-queue") ?? header("x-first-death-queue") }
    /// The exchange it was first published to, where a retry publishes it again.
    public var originalExchange: String { header("x-lce-exchange") ?? header("x-first-death-exchange") ?? "" }
    /// The routing key it was first published with (the broker keeps it in `x-death` when its dead-lettering changed it).
    public var originalRoutingKey: String {
        header("x-lce-routing-key") ?? firstDeath?["routing-keys"].flatMap(Self.firstString) ?? message.routingKey
    }

    /// The oldest entry of the broker's `x-death` list.
    private var firstDeath: [String: AMQPFieldValue]? {
        guard case .array(let deaths)? = message.properties.headers["x-death"], case .table(let first)? = deaths.last else { return nil }
        return first
    }

    private static func firstString(_ value: AMQPFieldValue) -> String? {
        if case .array(let values) = value { return values.first?.stringValue }
        return value.stringValue
    }
    /// When lce dead-lettered it (ISO-8601), when known.
    public var deadLetteredAt: String? { header("x-lce-dead-lettered-at") }

    /// The properties a retry publishes it with: the producer's own, without the dead-lettering headers, so a second
    /// failure is recorded afresh.
    public var retryProperties: MessageProperties {
        var properties = message.properties
        properties.headers = properties.headers.filter { name, _ in
            !name.hasPrefix("x-lce-") && !name.hasPrefix("x-death") && !name.hasPrefix("x-first-death")
                && !name.hasPrefix("x-last-death") && name != "x-delivery-count"
        }
        properties.persistent = true
        return properties
    }
}

/// What an operator does with `dead.letters`: read it without emptying it, send messages back where they came
/// from, or drop them. Each call uses its own channel and basic.get; what it does not settle returns to the queue
/// when the channel closes (near its head, not necessarily in the same order).
public struct DeadLetterQueue: Sendable {
    /// What to do with the messages a call selects.
    public enum Action: Sendable {
        /// Publish each to its original exchange and routing key (with a confirm), then remove it.
        case retry
        /// Remove each.
        case drop
    }

    /// What a call found and did.
    public struct Outcome: Sendable {
        /// The messages read (at most the limit), in queue order.
        public var letters: [DeadLetter] = []
        /// Messages in the queue when the call began.
        public var total = 0
        /// Messages retried or dropped.
        public var settled = 0
        /// Messages a retry could not send because no queue is bound for their routing key now; they stay.
        public var unroutable: [DeadLetter] = []
    }

    /// The broker connection the calls use.
    public let connection: AMQPConnection
    /// The queue; `dead.letters` unless told otherwise.
    public let queue: String

    public init(connection: AMQPConnection, queue: String = Topology.Queue.deadLetters) {
        self.connection = connection
        self.queue = queue
    }

    /// Reads up to `limit` messages from the head of the queue and leaves every one of them there.
    public func list(limit: Int) async throws -> Outcome {
        try await visit(limit: limit, selecting: { _ in false }, action: .drop)
    }

    /// Reads up to `limit` messages and retries or drops those `selecting` picks; the rest stay.
    public func settle(_ action: Action, limit: Int, selecting: @escaping @Sendable (DeadLetter) -> Bool) async throws -> Outcome {
        try await visit(limit: limit, selecting: selecting, action: action)
    }

    private func visit(limit: Int, selecting: (DeadLetter) -> Bool, action: Action) async throws -> Outcome {
        let channel = try await connection.openChannel()
        var outcome = Outcome()
        do {
            outcome.total = try await channel.declareQueue(queue, passive: true).messageCount
            let publisher = action == .retry ? try await connection.openChannel() : nil
            try await publisher?.enableConfirms()
            // Messages taken and not settled stay unacknowledged, so basic.get moves on to the next one; closing
            // the channel puts them back.
            while outcome.letters.count < min(limit, outcome.total), let message = try await channel.get(queue: queue) {
                let letter = DeadLetter(message)
                outcome.letters.append(letter)
                guard selecting(letter) else { continue }
                if let publisher {
                    var properties = letter.retryProperties
                    // A mandatory publish is matched to the broker's return by message id.
                    if properties.messageID == nil { properties.messageID = UUID().uuidString.lowercased() }
                    do {
                        try await publisher.publish(message.body, exchange: letter.originalExchange,
                                                    routingKey: letter.originalRoutingKey, properties: properties, mandatory: true)
                    } catch MessagingError.unroutable {
                        outcome.unroutable.append(letter)
                        continue
                    }
                }
                try await message.ack()
                outcome.settled += 1
            }
            await publisher?.close()
        } catch {
            await channel.close()
            throw error
        }
        await channel.close()
        return outcome
    }
}
