/// One result row whose columns decode into Swift values by name.
public struct PostgresRow: Sendable {
    let columns: [String]
    let cells: [String?]
    /// Position of this row in its result, for error messages.
    public let index: Int

    /// Decodes a non-NULL column; NULL or unconvertible text is a `PostgresError.decodingFailed`.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        let text = try cell(column)
        guard let text, let value = T(postgresText: text) else {
            throw PostgresError.decodingFailed(column: column, row: index, expected: String(describing: T.self), value: text)
        }
        return value
    }

    /// Decodes a column that may be NULL.
    public func decodeIfPresent<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T? {
        guard let text = try cell(column) else { return nil }
        guard let value = T(postgresText: text) else {
            throw PostgresError.decodingFailed(column: column, row: index, expected: String(describing: T.self), value: text)
        }
        return value
    }

    /// The raw text of a column, nil for NULL.
    public func text(_ column: String) throws -> String? {
        try cell(column)
    }

    private func cell(_ column: String) throws -> String? {
        guard let position = columns.firstIndex(of: column) else {
            throw PostgresError.missingColumn(column, available: columns)
        }
        return cells[position]
    }
}
