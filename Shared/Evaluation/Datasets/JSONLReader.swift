import Foundation

/// Reads JSON Lines files, plain or gzip-compressed, one record per non-blank line.
public enum JSONLReader {
    /// Decodes every non-blank line of `url` as `Record`; gzip is recognised by its magic bytes, whatever the file is named.
    ///
    /// Lines are split on the byte 0x0A (a trailing CR is dropped), not on Swift `Character`s:
    /// "\r\n" is one `Character`, and U+2028 may stand unescaped inside a JSON string.
    public static func read<Record: Decodable>(_ type: Record.Type, from url: URL) throws -> [Record] {
        let path = url.path
        var bytes = try readBytes(url)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var records: [Record] = []
        let decoder = JSONDecoder()
        var lineNumber = 0
        for rawLine in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine[...]
            while let last = line.last, last == 0x0D || last == 0x20 || last == 0x09 { line = line.dropLast() }
            while let first = line.first, first == 0x20 || first == 0x09 { line = line.dropFirst() }
            if line.isEmpty { continue }
            do {
                records.append(try decoder.decode(Record.self, from: Data(line)))
            } catch let error as DecodingError {
                throw DatasetError.badLine(path: path, line: lineNumber, reason: describe(error))
            } catch {
                throw DatasetError.badLine(path: path, line: lineNumber, reason: "\(error)")
            }
        }
        return records
    }

    /// The file's text, gunzipped first when it starts with gzip's magic bytes.
    public static func readText(_ url: URL) throws -> String {
        let bytes = try readBytes(url)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw DatasetError.notUTF8(path: url.path) }
        return text
    }

    /// The file's bytes, gunzipped first when they start with gzip's magic bytes.
    public static func readBytes(_ url: URL) throws -> [UInt8] {
        let path = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DatasetError.unreadable(path: path, reason: error.localizedDescription)
        }
        let bytes = [UInt8](data)
        if Gzip.isGzip(bytes) {
            do {
                return try Gzip.decompress(bytes)
            } catch {
                throw DatasetError.badCompression(path: path, reason: "gzip: \(error)")
            }
        }
        if url.pathExtension == "gz" {
            throw DatasetError.badCompression(path: path, reason: "named .gz but is not gzip data")
        }
        return bytes
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _):
            return "missing field \"\(key.stringValue)\""
        case .typeMismatch(let type, let context):
            return "field \(fieldPath(context)) is not \(type)"
        case .valueNotFound(let type, let context):
            return "field \(fieldPath(context)) is null, expected \(type)"
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0.localizedDescription))" } ?? ""
            return "not valid JSON: \(context.debugDescription)\(underlying)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func fieldPath(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return path.isEmpty ? "(record)" : "\"\(path)\""
    }
}
