/// A failure of the broker connection, a channel or a messaging operation, with a message a user can act on.
public enum MessagingError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The TCP connection or the AMQP handshake to the broker failed.
    case connectFailed(url: String, reason: String)
    /// The connection was lost or closed (broker restart, network, or `close()`).
    case connectionClosed(reason: String)
    /// The broker closed a channel, e.g. 404 for a missing queue or 406 for inequivalent arguments.
    case channelClosed(code: Int, text: String)
    /// The broker refused a publish (basic.nack under publisher confirms).
    case publishNacked(exchange: String, routingKey: String)
    /// A mandatory publish matched no queue and was returned.
    case unroutable(exchange: String, routingKey: String)
    /// An RPC call got no reply before its deadline.
    case deadlineExceeded(routingKey: String, milliseconds: Int)
    /// The broker cancelled a consumer, e.g. because its queue was deleted.
    case consumerCancelled(queue: String)
    /// A name given to the topology is not acceptable, e.g. an empty or malformed variant id.
    case invalidName(String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case .connectFailed(let url, let reason): return "cannot connect to RabbitMQ at \(url): \(reason)"
        case .connectionClosed(let reason): return "RabbitMQ connection closed: \(reason)"
        case .channelClosed(let code, let text): return "RabbitMQ closed the channel: \(code) \(text)"
        case .publishNacked(let exchange, let key): return "RabbitMQ refused (nack) a message to exchange '\(exchange)' with routing key '\(key)'"
        case .unroutable(let exchange, let key): return "no queue is bound to exchange '\(exchange)' for routing key '\(key)'"
        case .deadlineExceeded(let key, let ms): return "no reply for '\(key)' within \(ms) ms"
        case .consumerCancelled(let queue): return "RabbitMQ cancelled the consumer of queue '\(queue)' (was the queue deleted?)"
        case .invalidName(let why): return why
        }
    }

    /// Whether a new connection may succeed where this one failed (the broker restarting, a dropped socket).
    public var isConnectionLoss: Bool {
        switch self {
        case .connectFailed, .connectionClosed: return true
        case .channelClosed(let code, _): return code == 320 || code == 541
        default: return false
        }
    }
}
