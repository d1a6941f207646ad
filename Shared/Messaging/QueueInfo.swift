/// What the broker said about a queue it declared.
public struct QueueInfo: Sendable, Equatable {
    /// The queue's name (chosen by the broker when declared with an empty name).
    public let name: String
    /// Messages ready in the queue.
    public let messageCount: Int
    /// Consumers reading the queue.
    public let consumerCount: Int
}
