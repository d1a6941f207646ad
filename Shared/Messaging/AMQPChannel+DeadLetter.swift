import Foundation
import Logging

extension AMQPChannel {
    /// Republishes `message` to `lce.dead` on this (confirming) channel with the reason and its origin in headers,
    /// then acks it; should that fail, rejects it without requeue so the queue's own dead-letter exchange takes it.
    func deadLetter(_ message: IncomingMessage, reason: String, queue: String, consumer: String, logger: Logger) async {
        var properties = message.properties
        properties.persistent = true
        properties.headers["x-lce-reason"] = .string(String(reason.prefix(2000)))
        properties.headers["x-lce-queue"] = .string(queue)
        properties.headers["x-lce-exchange"] = .string(message.exchange)
        properties.headers["x-lce-routing-key"] = .string(message.routingKey)
        properties.headers["x-lce-consumer"] = .string(consumer)
        properties.headers["x-lce-dead-lettered-at"] = .string(ContractCoder.timestamp(Date()))
        logger.warning("dead-lettering a message",
                       metadata: ["queue": "\(queue)", "message_id": "\(message.properties.messageID ?? "-")", "reason": "\(reason)"])
        do {
            try await publish(message.body, exchange: Topology.Exchange.dead, routingKey: message.routingKey, properties: properties)
            try await message.ack()
        } catch {
            logger.error("dead-letter publish failed; rejecting to the queue's dead-letter exchange", metadata: ["error": "\(error)"])
            try? await message.reject(requeue: false)
        }
    }
}
