/// How a `Consumer` reads its queue.
public struct ConsumerConfiguration: Sendable {
    /// The queue to consume.
    public var queue: String
    /// The most unacknowledged messages the broker hands this consumer at once (basic.qos).
    public var prefetch: UInt16
    /// The most handlers running at once; at most `prefetch`.
    public var concurrency: Int
    /// A message already delivered this many times (it keeps killing its consumers) is dead-lettered unprocessed.
    /// Quorum queues count deliveries; classic queues only flag redeliveries, so there the broker's limit applies.
    public var maxDeliveries: Int
    /// The connection name the broker shows.
    public var name: String
    /// Backoff between reconnection attempts.
    public var reconnect: ReconnectPolicy
    /// Where handlers run: nil for the shared concurrency pool, or an executor of the service's own (a worker's
    /// engine thread), so a delivery reaches its handler with one thread hand-off instead of two.
    public var handlerExecutor: (any TaskExecutor)?

    /// Creates a configuration; concurrency defaults to the prefetch.
    public init(queue: String, prefetch: UInt16 = 10, concurrency: Int? = nil, maxDeliveries: Int = 5, name: String = "consumer",
                reconnect: ReconnectPolicy = ReconnectPolicy(), handlerExecutor: (any TaskExecutor)? = nil) {
        self.queue = queue
        self.prefetch = max(1, prefetch)
        self.concurrency = max(1, min(concurrency ?? Int(max(1, prefetch)), Int(max(1, prefetch))))
        self.maxDeliveries = max(1, maxDeliveries)
        self.name = name
        self.reconnect = reconnect
        self.handlerExecutor = handlerExecutor
    }
}
