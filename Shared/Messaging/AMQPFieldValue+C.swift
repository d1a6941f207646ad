import CRabbitMQ
import Foundation

extension AMQPFieldValue {
    /// Copies a rabbitmq-c field value into Swift; nil for void values.
    init?(_ c: amqp_field_value_t) {
        switch Int(c.kind) {
        case Int(AMQP_FIELD_KIND_UTF8.rawValue), Int(AMQP_FIELD_KIND_BYTES.rawValue):
            let raw = [UInt8](c.value.bytes)
            if let text = String(validating: raw, as: UTF8.self) { self = .string(text) } else { self = .bytes(raw) }
        case Int(AMQP_FIELD_KIND_BOOLEAN.rawValue): self = .bool(c.value.boolean != 0)
        case Int(AMQP_FIELD_KIND_I8.rawValue): self = .int(Int64(c.value.i8))
        case Int(AMQP_FIELD_KIND_U8.rawValue): self = .int(Int64(c.value.u8))
        case Int(AMQP_FIELD_KIND_I16.rawValue): self = .int(Int64(c.value.i16))
        case Int(AMQP_FIELD_KIND_U16.rawValue): self = .int(Int64(c.value.u16))
        case Int(AMQP_FIELD_KIND_I32.rawValue): self = .int(Int64(c.value.i32))
        case Int(AMQP_FIELD_KIND_U32.rawValue): self = .int(Int64(c.value.u32))
        case Int(AMQP_FIELD_KIND_I64.rawValue): self = .int(c.value.i64)
        case Int(AMQP_FIELD_KIND_U64.rawValue): self = .int(Int64(truncatingIfNeeded: c.value.u64))
        case Int(AMQP_FIELD_KIND_TIMESTAMP.rawValue): self = .int(Int64(truncatingIfNeeded: c.value.u64))
        case Int(AMQP_FIELD_KIND_F32.rawValue): self = .double(Double(c.value.f32))
        case Int(AMQP_FIELD_KIND_F64.rawValue): self = .double(c.value.f64)
        case Int(AMQP_FIELD_KIND_TABLE.rawValue): self = .table(Self.table(c.value.table))
        case Int(AMQP_FIELD_KIND_ARRAY.rawValue):
            var items: [AMQPFieldValue] = []
            let array = c.value.array
            if let entries = array.entries, array.num_entries > 0 {
                for index in 0..<Int(array.num_entries) { if let item = AMQPFieldValue(entries[index]) { items.append(item) } }
            }
            self = .array(items)
        case Int(AMQP_FIELD_KIND_VOID.rawValue): return nil
        default: self = .bytes([])
        }
    }

    /// Copies a rabbitmq-c table into a Swift dictionary.
    static func table(_ table: amqp_table_t) -> [String: AMQPFieldValue] {
        var result: [String: AMQPFieldValue] = [:]
        guard let entries = table.entries, table.num_entries > 0 else { return result }
        for index in 0..<Int(table.num_entries) {
            let entry = entries[index]
            let key = String(decoding: [UInt8](entry.key), as: UTF8.self)
            if let value = AMQPFieldValue(entry.value) { result[key] = value }
        }
        return result
    }
}

extension Array where Element == UInt8 {
    /// Copies the bytes an `amqp_bytes_t` points at.
    init(_ bytes: amqp_bytes_t) {
        guard let base = bytes.bytes, bytes.len > 0 else { self = []; return }
        self = Array(UnsafeRawBufferPointer(start: base, count: bytes.len))
    }
}

extension String {
    /// Decodes the UTF-8 an `amqp_bytes_t` points at.
    init(amqp bytes: amqp_bytes_t) {
        self = String(decoding: [UInt8](bytes), as: UTF8.self)
    }
}
