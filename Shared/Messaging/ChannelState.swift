import Foundation

/// What the connection thread knows about one open channel; touched only on that thread.
final class ChannelState {
    /// A publish waiting for the broker's basic.ack or basic.nack.
    struct PendingConfirm {
        let tag: UInt64
        let messageID: String?
        let exchange: String
        let routingKey: String
        let continuation: CheckedContinuation<Void, Error>
    }

    /// A consumer's delivery stream and the queue it reads.
    struct ConsumerSink {
        let queue: String
        let continuation: AsyncThrowingStream<IncomingMessage, Error>.Continuation
    }

    let handle: AMQPChannel
    var confirms = false
    var nextPublishTag: UInt64 = 1
    var pendingConfirms: [PendingConfirm] = []
    var returnedMessageIDs: Set<String> = []
    var consumers: [String: ConsumerSink] = [:]
    var onReturn: (@Sendable (IncomingMessage) -> Void)?

    init(handle: AMQPChannel) { self.handle = handle }

    /// Ends everything waiting on the channel with `error`.
    func fail(_ error: Error) {
        for pending in pendingConfirms { pending.continuation.resume(throwing: error) }
        pendingConfirms.removeAll()
        for sink in consumers.values { sink.continuation.finish(throwing: error) }
        consumers.removeAll()
    }
}
