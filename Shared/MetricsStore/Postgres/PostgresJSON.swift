import Foundation

/// JSON text bound to a `json`/`jsonb` parameter or read from such a column.
public struct PostgresJSON: PostgresEncodable, Equatable, Hashable {
    /// The JSON document as text.
    public var text: String

    /// Wraps JSON text that is already serialized.
    public init(text: String) {
        self.text = text
    }

    /// Serializes an Encodable value with sorted keys, so equal values give equal text.
    public init<T: Encodable>(encoding value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes the document into a Decodable type.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// The JSON text.
    public var postgresText: String? { text }

    /// An empty JSON object.
    public static let emptyObject = PostgresJSON(text: "{}")
}
