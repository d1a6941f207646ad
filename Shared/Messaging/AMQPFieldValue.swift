/// A value in an AMQP field table, such as a message header.
public enum AMQPFieldValue: Sendable, Equatable, Hashable {
    /// A UTF-8 text (long string).
    case string(String)
    /// Any AMQP integer width, widened.
    case int(Int64)
    /// A 32- or 64-bit float.
    case double(Double)
    /// A boolean.
    case bool(Bool)
    /// A nested field table.
    case table([String: AMQPFieldValue])
    /// A field array.
    case array([AMQPFieldValue])
    /// A byte string that is not UTF-8, or a kind this client does not map (decimal).
    case bytes([UInt8])

    /// The text, when the value is a string.
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    /// The integer, when the value is an integer.
    public var intValue: Int64? { if case .int(let i) = self { return i }; return nil }
}

extension AMQPFieldValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    /// Creates a string value from a literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// Creates an integer value from a literal.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// Creates a boolean value from a literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
