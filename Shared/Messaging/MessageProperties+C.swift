import CRabbitMQ
import Foundation

extension MessageProperties {
    /// Copies the properties rabbitmq-c decoded from a content header.
    init(_ c: amqp_basic_properties_t) {
        let flags = UInt32(c._flags)
        func has(_ flag: Int32) -> Bool { flags & UInt32(flag) != 0 }
        self.init(
            contentType: has(AMQP_BASIC_CONTENT_TYPE_FLAG) ? String(amqp: c.content_type) : nil,
            headers: has(AMQP_BASIC_HEADERS_FLAG) ? AMQPFieldValue.table(c.headers) : [:],
            persistent: has(AMQP_BASIC_DELIVERY_MODE_FLAG) && c.delivery_mode == 2,
            correlationID: has(AMQP_BASIC_CORRELATION_ID_FLAG) ? String(amqp: c.correlation_id) : nil,
            replyTo: has(AMQP_BASIC_REPLY_TO_FLAG) ? String(amqp: c.reply_to) : nil,
            expiration: has(AMQP_BASIC_EXPIRATION_FLAG) ? String(amqp: c.expiration) : nil,
            messageID: has(AMQP_BASIC_MESSAGE_ID_FLAG) ? String(amqp: c.message_id) : nil,
            timestamp: has(AMQP_BASIC_TIMESTAMP_FLAG) ? Date(timeIntervalSince1970: TimeInterval(c.timestamp)) : nil,
            type: has(AMQP_BASIC_TYPE_FLAG) ? String(amqp: c.type) : nil,
            appID: has(AMQP_BASIC_APP_ID_FLAG) ? String(amqp: c.app_id) : nil,
            priority: has(AMQP_BASIC_PRIORITY_FLAG) ? c.priority : nil)
    }
}
