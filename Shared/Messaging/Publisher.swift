import Foundation
import Logging

/// Publishes messages with publisher confirms over a connection it owns, reconnecting with backoff when the broker goes away.
public actor Publisher {
    /// The broker to publish to.
    public let url: AMQPURL
    private let name: String
    private let topology: Topology?
    private let reconnect: ReconnectPolicy
    private let retryWindow: Duration
    private let logger: Logger
    private var channel: AMQPChannel?
    private var connecting: Task<AMQPChannel, Error>?
    private var closed = false

    /// Creates a publisher; it connects on first use and declares `topology` (when given) on every connect.
    /// A publish interrupted by a lost connection is retried for up to `retryWindow`.
    public init(url: AMQPURL, name: String = "publisher", topology: Topology? = Topology(), reconnect: ReconnectPolicy = ReconnectPolicy(),
                retryWindow: Duration = .seconds(30), logger: Logger = Logger(label: "lce.messaging.publisher")) {
        self.url = url
        self.name = name
        self.topology = topology
        self.reconnect = reconnect
        self.retryWindow = retryWindow
        self.logger = logger
    }

    /// Publishes `body` and returns once the broker has confirmed it; a message may be sent twice if the
    /// connection drops between the broker taking it and its confirm, so consumers deduplicate on message id.
    public func publish(_ body: Data, exchange: String, routingKey: String, properties: MessageProperties = MessageProperties(),
                        mandatory: Bool = false) async throws {
        let started = ContinuousClock.now
        var attempt = 0
        while true {
            let current = try await currentChannel()
            do {
                try await current.publish(body, exchange: exchange, routingKey: routingKey, properties: properties, mandatory: mandatory)
                return
            } catch let error as MessagingError {
                forget(current)
                guard error.isConnectionLoss, !closed, ContinuousClock.now - started < retryWindow else { throw error }
                logger.warning("publish interrupted; retrying", metadata: ["error": "\(error)", "attempt": "\(attempt + 1)"])
                try await Task.sleep(for: reconnect.delay(attempt: attempt))
                attempt += 1
            }
        }
    }

    /// Encodes a contract as JSON and publishes it with its id as message id and its schema as type.
    public func publish<Message: MessageContract>(_ message: Message, exchange: String, routingKey: String,
                                                   correlationID: String? = nil, replyTo: String? = nil,
                                                   headers: [String: AMQPFieldValue] = [:], mandatory: Bool = false) async throws {
        let properties = MessageProperties(headers: headers, correlationID: correlationID, replyTo: replyTo,
                                           messageID: message.id.uuidString, timestamp: Date(), type: Message.schemaID, appID: name)
        try await publish(try ContractCoder.encode(message), exchange: exchange, routingKey: routingKey, properties: properties, mandatory: mandatory)
    }

    /// Sends `reply` to the request's `reply_to` with its `correlation_id`; false when the request asked for no reply.
    @discardableResult
    public func reply<Message: MessageContract>(to request: IncomingMessage, with reply: Message) async throws -> Bool {
        guard let replyTo = request.properties.replyTo, !replyTo.isEmpty else { return false }
        let properties = MessageProperties(persistent: false, correlationID: request.properties.correlationID,
                                           messageID: reply.id.uuidString, timestamp: Date(), type: Message.schemaID, appID: name)
        try await publish(try ContractCoder.encode(reply), exchange: "", routingKey: replyTo, properties: properties)
        return true
    }

    /// Closes the connection; later publishes fail.
    public func close() async {
        closed = true
        connecting?.cancel()
        if let channel { await channel.connection.close() }
        channel = nil
    }

    private func forget(_ stale: AMQPChannel) {
        if channel === stale {
            channel = nil
            let connection = stale.connection
            Task { await connection.close() }
        }
    }

    private func currentChannel() async throws -> AMQPChannel {
        if closed { throw MessagingError.connectionClosed(reason: "the publisher is closed") }
        if let channel, channel.connection.isOpen { return channel }
        if let connecting { return try await connecting.value }
        let task = Task { [url, name, topology, reconnect, retryWindow, logger] () throws -> AMQPChannel in
            var attempt = 0
            let started = ContinuousClock.now
            while true {
                do {
                    let connection = try await AMQPConnection.connect(to: url, name: name, logger: logger)
                    do {
                        try await topology?.declare(on: connection, logger: logger)
                        let channel = try await connection.openChannel()
                        try await channel.enableConfirms()
                        return channel
                    } catch {
                        await connection.close()
                        throw error
                    }
                } catch let error as MessagingError where error.isConnectionLoss {
                    try Task.checkCancellation()
                    if ContinuousClock.now - started > retryWindow { throw error }
                    logger.warning("cannot reach RabbitMQ; retrying", metadata: ["error": "\(error)", "attempt": "\(attempt + 1)"])
                    try await Task.sleep(for: reconnect.delay(attempt: attempt))
                    attempt += 1
                }
            }
        }
        connecting = task
        defer { connecting = nil }
        let fresh = try await task.value
        channel = fresh
        return fresh
    }
}
