import Foundation

/// The AMQP basic properties of a message that the services use.
public struct MessageProperties: Sendable, Equatable {
    /// MIME type of the body; the contracts are `application/json`.
    public var contentType: String?
    /// Application headers, e.g. `x-lce-reason` on dead letters.
    public var headers: [String: AMQPFieldValue]
    /// Persistent messages survive a broker restart (delivery mode 2).
    public var persistent: Bool
    /// Ties an RPC reply to its request.
    public var correlationID: String?
    /// The queue an RPC reply goes to.
    public var replyTo: String?
    /// Per-message TTL in milliseconds, as text (AMQP's own encoding).
    public var expiration: String?
    /// The producer's id for the message; consumers deduplicate on it.
    public var messageID: String?
    /// When the message was sent, in whole seconds.
    public var timestamp: Date?
    /// The message's type; the contracts put their schema here.
    public var type: String?
    /// The sending application's name.
    public var appID: String?
    /// Priority 0-9, for queues that have priorities.
    public var priority: UInt8?

    /// Creates properties; by default a persistent JSON message.
    public init(contentType: String? = "application/json", headers: [String: AMQPFieldValue] = [:], persistent: Bool = true,
                correlationID: String? = nil, replyTo: String? = nil, expiration: String? = nil, messageID: String? = nil,
                timestamp: Date? = nil, type: String? = nil, appID: String? = nil, priority: UInt8? = nil) {
        self.contentType = contentType
        self.headers = headers
        self.persistent = persistent
        self.correlationID = correlationID
        self.replyTo = replyTo
        self.expiration = expiration
        self.messageID = messageID
        self.timestamp = timestamp
        self.type = type
        self.appID = appID
        self.priority = priority
    }
}

extension MessageProperties {
    /// The header carrying when the message was published, in milliseconds since 1970: AMQP's own
    /// `timestamp` property has whole seconds only, too coarse for a queue wait.
    public static let publishedAtHeader = "x-lce-published-at-ms"

    /// When the message was published: the millisecond header when present, else the whole-second `timestamp`.
    public var publishedAt: Date? {
        if let milliseconds = headers[Self.publishedAtHeader]?.intValue {
            return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        }
        return timestamp
    }

    /// These properties stamped with `date` in both the `timestamp` property and the millisecond header.
    public func stamped(_ date: Date) -> MessageProperties {
        var copy = self
        copy.timestamp = date
        copy.headers[Self.publishedAtHeader] = .int(Int64((date.timeIntervalSince1970 * 1000).rounded()))
        return copy
    }
}
