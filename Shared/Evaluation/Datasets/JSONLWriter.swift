import Foundation

/// Writes records as JSON Lines: one compact JSON object per line, keys sorted so files diff cleanly.
public enum JSONLWriter {
    /// The JSONL text of `records`.
    public static func encode<Record: Encodable>(_ records: [Record]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = ""
        for record in records {
            text += String(decoding: try encoder.encode(record), as: UTF8.self)
            text += "\n"
        }
        return text
    }

    /// Writes `records` to `url`, replacing it.
    public static func write<Record: Encodable>(_ records: [Record], to url: URL) throws {
        try Data(try encode(records).utf8).write(to: url, options: .atomic)
    }
}
