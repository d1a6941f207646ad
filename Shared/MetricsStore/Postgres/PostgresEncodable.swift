import Foundation

/// A Swift value that can be sent as a statement parameter in PostgreSQL's text format.
public protocol PostgresEncodable: Sendable {
    /// The parameter's text form, or nil for SQL NULL.
    var postgresText: String? { get }
}

extension String: PostgresEncodable {
    /// The string itself, sent as a separate parameter and never spliced into SQL.
    ///
    /// PostgreSQL text cannot hold NUL and libpq would cut the value there, so each NUL becomes
    /// U+FFFD: a prompt with a stray NUL is stored, not the whole batch refused.
    public var postgresText: String? {
        guard utf8.contains(0) else { return self }
        return replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
    }
}

extension Int: PostgresEncodable {
    /// Decimal digits.
    public var postgresText: String? { String(self) }
}

extension Int32: PostgresEncodable {
    /// Decimal digits.
    public var postgresText: String? { String(self) }
}

extension Int64: PostgresEncodable {
    /// Decimal digits.
    public var postgresText: String? { String(self) }
}

extension Double: PostgresEncodable {
    /// Shortest round-tripping decimal, with PostgreSQL's spellings of NaN and the infinities.
    public var postgresText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return "\(self)"
    }
}

extension Bool: PostgresEncodable {
    /// `t` or `f`.
    public var postgresText: String? { self ? "t" : "f" }
}

extension UUID: PostgresEncodable {
    /// Lower-case hyphenated form, as PostgreSQL prints uuids.
    public var postgresText: String? { uuidString.lowercased() }
}

extension Date: PostgresEncodable {
    /// ISO-8601 in UTC with microseconds, the resolution of `timestamptz`.
    public var postgresText: String? { PostgresTimestamp.format(self) }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    /// The wrapped value's text, or NULL.
    public var postgresText: String? {
        switch self {
        case .some(let value): return value.postgresText
        case .none: return nil
        }
    }
}
