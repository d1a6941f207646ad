import CRabbitMQ
import Foundation

extension AMQPConnection {
    /// Reads and dispatches one frame without waiting; false when none was ready or the connection broke.
    func readFrame() -> Bool {
        guard let connection = state, lostReason == nil else { return false }
        var frame = amqp_frame_t()
        var noWait = timeval(tv_sec: 0, tv_usec: 0)
        let status = amqp_simple_wait_frame_noblock(connection, &frame, &noWait)
        if status == Int32(AMQP_STATUS_TIMEOUT.rawValue) { return false }
        if status != Int32(AMQP_STATUS_OK.rawValue) {
            lostReason = Self.statusText(status)
            return false
        }
        if Int32(frame.frame_type) == AMQP_FRAME_METHOD {
            dispatchMethod(frame.payload.method, channel: frame.channel)
        }
        amqp_maybe_release_buffers(connection)
        return lostReason == nil
    }

    private func dispatchMethod(_ method: amqp_method_t, channel number: UInt16) {
        switch method.id {
        case AMQP_BASIC_DELIVER_METHOD:
            let deliver = method.decoded.assumingMemoryBound(to: amqp_basic_deliver_t.self).pointee
            let consumerTag = String(amqp: deliver.consumer_tag)
            let exchange = String(amqp: deliver.exchange)
            let routingKey = String(amqp: deliver.routing_key)
            guard let content = readContent(channel: number) else { return }
            guard let channel = channels[number] else { return }
            let message = IncomingMessage(body: content.body, properties: content.properties, exchange: exchange, routingKey: routingKey,
                                          deliveryTag: deliver.delivery_tag, redelivered: deliver.redelivered != 0,
                                          consumerTag: consumerTag, channel: channel.handle)
            if let sink = channel.consumers[consumerTag] {
                sink.deliver(message)
            } else if let connection = state {
                // A delivery racing a basic.cancel: give it back so another consumer gets it.
                _ = amqp_basic_reject(connection, number, deliver.delivery_tag, 1)
            }
        case AMQP_BASIC_RETURN_METHOD:
            let returned = method.decoded.assumingMemoryBound(to: amqp_basic_return_t.self).pointee
            let exchange = String(amqp: returned.exchange)
            let routingKey = String(amqp: returned.routing_key)
            guard let content = readContent(channel: number), let channel = channels[number] else { return }
            if let id = content.properties.messageID { channel.returnedMessageIDs.insert(id) }
            let message = IncomingMessage(body: content.body, properties: content.properties, exchange: exchange, routingKey: routingKey,
                                          deliveryTag: 0, redelivered: false, consumerTag: "", channel: nil)
            channel.onReturn?(message)
        case AMQP_BASIC_ACK_METHOD:
            let ack = method.decoded.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
            settleConfirms(channel: number, upTo: ack.delivery_tag, multiple: ack.multiple != 0, nacked: false)
        case AMQP_BASIC_NACK_METHOD:
            let nack = method.decoded.assumingMemoryBound(to: amqp_basic_nack_t.self).pointee
            settleConfirms(channel: number, upTo: nack.delivery_tag, multiple: nack.multiple != 0, nacked: true)
        case AMQP_BASIC_CANCEL_METHOD:
            let cancel = method.decoded.assumingMemoryBound(to: amqp_basic_cancel_t.self).pointee
            let tag = String(amqp: cancel.consumer_tag)
            if let sink = channels[number]?.consumers.removeValue(forKey: tag) {
                sink.end(MessagingError.consumerCancelled(queue: sink.queue))
            }
        case AMQP_CHANNEL_CLOSE_METHOD:
            let close = method.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            brokerClosedChannel(number, error: .channelClosed(code: Int(close.reply_code), text: String(amqp: close.reply_text)))
        case AMQP_CONNECTION_CLOSE_METHOD:
            let close = method.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            brokerClosedConnection(code: Int(close.reply_code), text: String(amqp: close.reply_text))
        default:
            // channel.flow, connection.blocked and the like need no action from these clients.
            break
        }
    }

    /// Reads the content header and body frames that follow a basic.deliver, basic.return or basic.get-ok.
    func readContent(channel number: UInt16) -> (body: Data, properties: MessageProperties)? {
        guard let connection = state else { return nil }
        var message = amqp_message_t()
        let reply = amqp_read_message(connection, number, &message, 0)
        guard reply.reply_type == AMQP_RESPONSE_NORMAL else {
            lostReason = reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION ? Self.statusText(reply.library_error) : "bad content frames"
            return nil
        }
        defer { amqp_destroy_message(&message) }
        let body = message.body.bytes.map { Data(bytes: $0, count: message.body.len) } ?? Data()
        return (body, MessageProperties(message.properties))
    }

    private func settleConfirms(channel number: UInt16, upTo tag: UInt64, multiple: Bool, nacked: Bool) {
        guard let channel = channels[number] else { return }
        var settled: [ChannelState.PendingConfirm] = []
        if multiple {
            let count = channel.pendingConfirms.prefix(while: { $0.tag <= tag }).count
            settled = Array(channel.pendingConfirms.prefix(count))
            channel.pendingConfirms.removeFirst(count)
        } else if let index = channel.pendingConfirms.firstIndex(where: { $0.tag == tag }) {
            settled = [channel.pendingConfirms.remove(at: index)]
        }
        for pending in settled {
            if nacked {
                pending.settle(MessagingError.publishNacked(exchange: pending.exchange, routingKey: pending.routingKey))
            } else if let id = pending.messageID, channel.returnedMessageIDs.remove(id) != nil {
                pending.settle(MessagingError.unroutable(exchange: pending.exchange, routingKey: pending.routingKey))
            } else {
                pending.settle(nil)
            }
        }
    }
}
