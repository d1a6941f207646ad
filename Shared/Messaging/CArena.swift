import CRabbitMQ
import Foundation

/// Owns the C memory behind the `amqp_bytes_t`, tables and properties handed to one rabbitmq-c call;
/// rabbitmq-c serialises them before returning, so everything is freed when the arena goes.
final class CArena {
    private var blocks: [UnsafeMutableRawPointer] = []

    deinit { for block in blocks { free(block) } }

    private func allocate(_ size: Int) -> UnsafeMutableRawPointer {
        let block = malloc(max(size, 1))!
        blocks.append(block)
        return block
    }

    func bytes(_ text: String) -> amqp_bytes_t { bytes(Array(text.utf8)) }

    func bytes(_ data: some Collection<UInt8>) -> amqp_bytes_t {
        let block = allocate(data.count)
        let buffer = UnsafeMutableRawBufferPointer(start: block, count: data.count)
        buffer.copyBytes(from: data)
        return amqp_bytes_t(len: data.count, bytes: block)
    }

    func table(_ entries: [String: AMQPFieldValue]) -> amqp_table_t {
        if entries.isEmpty { return amqp_table_t(num_entries: 0, entries: nil) }
        let raw = allocate(MemoryLayout<amqp_table_entry_t>.stride * entries.count)
        let pointer = raw.bindMemory(to: amqp_table_entry_t.self, capacity: entries.count)
        // Sorted so the wire bytes are stable from run to run.
        for (index, (key, value)) in entries.sorted(by: { $0.key < $1.key }).enumerated() {
            (pointer + index).initialize(to: amqp_table_entry_t(key: bytes(key), value: field(value)))
        }
        return amqp_table_t(num_entries: Int32(entries.count), entries: pointer)
    }

    func field(_ value: AMQPFieldValue) -> amqp_field_value_t {
        var c = amqp_field_value_t()
        switch value {
        case .string(let s):
            c.kind = UInt8(AMQP_FIELD_KIND_UTF8.rawValue)
            c.value.bytes = bytes(s)
        case .int(let i):
            c.kind = UInt8(AMQP_FIELD_KIND_I64.rawValue)
            c.value.i64 = i
        case .double(let d):
            c.kind = UInt8(AMQP_FIELD_KIND_F64.rawValue)
            c.value.f64 = d
        case .bool(let b):
            c.kind = UInt8(AMQP_FIELD_KIND_BOOLEAN.rawValue)
            c.value.boolean = b ? 1 : 0
        case .table(let t):
            c.kind = UInt8(AMQP_FIELD_KIND_TABLE.rawValue)
            c.value.table = table(t)
        case .array(let items):
            c.kind = UInt8(AMQP_FIELD_KIND_ARRAY.rawValue)
            let raw = allocate(MemoryLayout<amqp_field_value_t>.stride * items.count)
            let pointer = raw.bindMemory(to: amqp_field_value_t.self, capacity: items.count)
            for (index, item) in items.enumerated() { (pointer + index).initialize(to: self.field(item)) }
            c.value.array = amqp_array_t(num_entries: Int32(items.count), entries: items.isEmpty ? nil : pointer)
        case .bytes(let b):
            c.kind = UInt8(AMQP_FIELD_KIND_BYTES.rawValue)
            c.value.bytes = bytes(b)
        }
        return c
    }

    func properties(_ p: MessageProperties) -> amqp_basic_properties_t {
        var c = amqp_basic_properties_t()
        var flags: UInt32 = 0
        if let v = p.contentType { c.content_type = bytes(v); flags |= UInt32(AMQP_BASIC_CONTENT_TYPE_FLAG) }
        if !p.headers.isEmpty { c.headers = table(p.headers); flags |= UInt32(AMQP_BASIC_HEADERS_FLAG) }
        c.delivery_mode = p.persistent ? 2 : 1
        flags |= UInt32(AMQP_BASIC_DELIVERY_MODE_FLAG)
        if let v = p.correlationID { c.correlation_id = bytes(v); flags |= UInt32(AMQP_BASIC_CORRELATION_ID_FLAG) }
        if let v = p.replyTo { c.reply_to = bytes(v); flags |= UInt32(AMQP_BASIC_REPLY_TO_FLAG) }
        if let v = p.expiration { c.expiration = bytes(v); flags |= UInt32(AMQP_BASIC_EXPIRATION_FLAG) }
        if let v = p.messageID { c.message_id = bytes(v); flags |= UInt32(AMQP_BASIC_MESSAGE_ID_FLAG) }
        if let v = p.timestamp { c.timestamp = UInt64(max(0, v.timeIntervalSince1970)); flags |= UInt32(AMQP_BASIC_TIMESTAMP_FLAG) }
        if let v = p.type { c.type = bytes(v); flags |= UInt32(AMQP_BASIC_TYPE_FLAG) }
        if let v = p.appID { c.app_id = bytes(v); flags |= UInt32(AMQP_BASIC_APP_ID_FLAG) }
        if let v = p.priority { c.priority = v; flags |= UInt32(AMQP_BASIC_PRIORITY_FLAG) }
        c._flags = amqp_flags_t(flags)
        return c
    }
}
