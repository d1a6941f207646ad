import Foundation

extension IncomingMessage {
    /// Sends `reply` to this request's `reply_to` with its `correlation_id` on the channel the request was
    /// delivered on, and returns without waiting: callable from any thread (a worker's engine thread), so the
    /// answer leaves as soon as it exists. False when the request asked for no reply.
    ///
    /// No confirm is needed before acknowledging the request: the channel carries the reply and a later ack
    /// in order, so a broker that took the ack took the reply first; a lost connection fails the ack and the
    /// request is redelivered. `completion`, when given, runs on the connection thread once the reply is
    /// written or has failed.
    @discardableResult
    public func sendReply<Message: MessageContract>(_ reply: Message, appID: String,
                                                    completion: (@Sendable (Error?) -> Void)? = nil) throws -> Bool {
        guard let replyTo = properties.replyTo, !replyTo.isEmpty else { return false }
        guard let channel else { throw MessagingError.channelClosed(code: 504, text: "a returned message has no channel to reply on") }
        let replyProperties = MessageProperties(persistent: false, correlationID: properties.correlationID,
                                                messageID: reply.id.uuidString, timestamp: Date(), type: Message.schemaID, appID: appID)
        channel.send(try ContractCoder.encode(reply), exchange: "", routingKey: replyTo, properties: replyProperties,
                     mandatory: false) { error in completion?(error) }
        return true
    }
}
