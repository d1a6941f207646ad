import Foundation

/// What the connection thread knows about one open channel; touched only on that thread.
final class ChannelState {
    /// A publish waiting for the broker's basic.ack or basic.nack.
    struct PendingConfirm {
        let tag: UInt64
        let messageID: String?
        let exchange: String
        let routingKey: String
        /// Called once, on the connection thread, with nil when the broker took the message.
        let settle: (Error?) -> Void
    }

    /// A consumer's delivery callbacks and the queue it reads.
    ///
    /// Both run on the connection thread, so they must only hand the message on (a stream, a
    /// buffer, a waiting caller) and never block.
    struct ConsumerSink {
        let queue: String
        /// Receives each delivery.
        let deliver: (IncomingMessage) -> Void
        /// Called once when the consumer ends: nil when cancelled by the application, else why.
        let end: (Error?) -> Void
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
        for pending in pendingConfirms { pending.settle(error) }
        pendingConfirms.removeAll()
        for sink in consumers.values { sink.end(error) }
        consumers.removeAll()
    }
}
