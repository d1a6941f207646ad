/// The AMQP exchange types the topology uses.
public enum ExchangeKind: String, Sendable {
    /// Routes on an exact routing key.
    case direct
    /// Routes on routing-key patterns (`metrics.#`).
    case topic
    /// Routes to every bound queue.
    case fanout
}
