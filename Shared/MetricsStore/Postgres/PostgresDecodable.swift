import Foundation

/// A Swift value that can be read from a result column's text form.
public protocol PostgresDecodable {
    /// Converts the column's text; nil when the text is not a valid value of this type.
    init?(postgresText: String)
}

extension String: PostgresDecodable {
    /// The text itself.
    public init?(postgresText: String) { self = postgresText }
}

extension Int: PostgresDecodable {
    /// Parses decimal digits.
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Int32: PostgresDecodable {
    /// Parses decimal digits.
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Int64: PostgresDecodable {
    /// Parses decimal digits.
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Double: PostgresDecodable {
    /// Parses a float8 or numeric, including NaN and the infinities.
    public init?(postgresText: String) {
        switch postgresText {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        default: self.init(postgresText)
        }
    }
}

extension Bool: PostgresDecodable {
    /// Accepts `t` and `f`.
    public init?(postgresText: String) {
        switch postgresText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}

extension UUID: PostgresDecodable {
    /// Parses the hyphenated form.
    public init?(postgresText: String) { self.init(uuidString: postgresText) }
}

extension Date: PostgresDecodable {
    /// Parses ISO-style `timestamptz` text.
    public init?(postgresText: String) {
        guard let date = PostgresTimestamp.parse(postgresText) else { return nil }
        self = date
    }
}

extension PostgresJSON: PostgresDecodable {
    /// Keeps the JSON text as the server printed it.
    public init?(postgresText: String) { self.init(text: postgresText) }
}
