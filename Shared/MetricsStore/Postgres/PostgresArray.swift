/// A one-dimensional array parameter in PostgreSQL's text form, e.g. for `unnest($1::uuid[])`.
///
/// Every element is double-quoted with `"` and `\` escaped, so commas, braces, blanks, the empty
/// string and the word NULL all arrive as data; a nil element is an unquoted NULL.
public struct PostgresArray: PostgresEncodable {
    /// The array literal, e.g. `{"a","b c",NULL}`.
    public let literal: String

    /// Encodes the elements' text forms into an array literal.
    public init(_ elements: [(any PostgresEncodable)?]) {
        // Bound by per-byte appends; bytes, not Characters, keep it cheap for 10,000-element batches.
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        bytes.reserveCapacity(elements.count * 24 + 2)
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            guard let value = element?.postgresText else {
                bytes.append(contentsOf: "NULL".utf8)
                continue
            }
            bytes.append(UInt8(ascii: "\""))
            for byte in value.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
        literal = String(decoding: bytes, as: UTF8.self)
    }

    /// Encodes a homogeneous list, mapping each element through `transform`.
    public init<Element>(_ elements: [Element], _ transform: (Element) -> (any PostgresEncodable)?) {
        self.init(elements.map(transform))
    }

    /// The array literal.
    public var postgresText: String? { literal }
}
