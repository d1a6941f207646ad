import Foundation

/// A message delivered to a consumer (or returned by the broker), with what is needed to settle it.
public struct IncomingMessage: Sendable {
    /// The raw body.
    public let body: Data
    /// The message's properties and headers.
    public let properties: MessageProperties
    /// The exchange it was published to.
    public let exchange: String
    /// The routing key it was published with.
    public let routingKey: String
    /// The broker's tag for it on its channel (0 for returned messages).
    public let deliveryTag: UInt64
    /// Whether the broker delivered it before without an ack (a consumer died holding it).
    public let redelivered: Bool
    /// The consumer it was delivered to.
    public let consumerTag: String
    /// The channel that must settle it; nil for returned messages.
    let channel: AMQPChannel?

    init(body: Data, properties: MessageProperties, exchange: String, routingKey: String, deliveryTag: UInt64,
         redelivered: Bool, consumerTag: String, channel: AMQPChannel?) {
        self.body = body
        self.properties = properties
        self.exchange = exchange
        self.routingKey = routingKey
        self.deliveryTag = deliveryTag
        self.redelivered = redelivered
        self.consumerTag = consumerTag
        self.channel = channel
    }

    /// How many times the broker delivered it before: quorum queues count in `x-delivery-count`,
    /// classic queues only say whether it was redelivered.
    public var previousDeliveries: Int {
        if let count = properties.headers["x-delivery-count"]?.intValue { return Int(count) }
        return redelivered ? 1 : 0
    }

    /// Acknowledges the message: the broker forgets it.
    public func ack() async throws {
        try await channel?.ack(deliveryTag)
    }

    /// Rejects the message; with `requeue` false the queue's dead-letter exchange receives it.
    public func reject(requeue: Bool) async throws {
        try await channel?.reject(deliveryTag, requeue: requeue)
    }
}
