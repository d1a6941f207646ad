import Foundation

/// Encodes and decodes contracts as JSON (snake_case keys, UTC ISO-8601 timestamps with milliseconds),
/// turning decoder failures into `ContractError`s that name the field.
public enum ContractCoder {
    private struct SchemaProbe: Decodable {
        let schema: String?
    }

    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let withoutFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: false, timeZone: .gmt)

    /// Formats a timestamp the way every contract writes it: `2026-11-26T16:30:00.123Z`.
    public static func timestamp(_ date: Date) -> String { withFraction.format(date) }

    /// Parses an ISO-8601 timestamp with or without fractional seconds; nil when it is not one.
    public static func parseTimestamp(_ text: String) -> Date? {
        (try? withFraction.parse(text)) ?? (try? withoutFraction.parse(text))
    }

    /// The JSON encoder the contracts use.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(timestamp(date))
        }
        return encoder
    }

    /// The JSON decoder the contracts use.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseTimestamp(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "is not a UTC ISO-8601 timestamp such as 2026-11-26T16:30:00.000Z")
            }
            return date
        }
        return decoder
    }

    /// Encodes a contract to JSON.
    public static func encode<Message: MessageContract>(_ message: Message) throws -> Data {
        try makeEncoder().encode(message)
    }

    /// Reads only the `schema` field of a body, to pick the type to decode (the metrics queue carries many).
    public static func schema(of body: Data) throws -> String {
        let probe: SchemaProbe
        do {
            probe = try makeDecoder().decode(SchemaProbe.self, from: body)
        } catch let error as DecodingError {
            if case .typeMismatch(_, let context) = error, !context.codingPath.isEmpty {
                throw ContractError.wrongType(schema: "message", field: "schema", expected: "a string")
            }
            throw ContractError.malformedJSON(detail: jsonProblem(error))
        }
        guard let schema = probe.schema else { throw ContractError.missingField(schema: "message", field: "schema") }
        return schema
    }

    /// A contract and the `schema` field beside it, read in one pass over the JSON.
    private struct SchemaAndMessage<Message: Decodable>: Decodable {
        enum Key: String, CodingKey { case schema }
        let schema: String?
        let message: Message

        init(from decoder: any Decoder) throws {
            schema = try decoder.container(keyedBy: Key.self).decodeIfPresent(String.self, forKey: .schema)
            message = try Message(from: decoder)
        }
    }

    /// Decodes and validates a contract, checking its schema first.
    ///
    /// A well-formed message of the expected schema is parsed once; anything else is parsed again step
    /// by step (schema, then fields) so the error names the first thing wrong with it.
    public static func decode<Message: MessageContract>(_ type: Message.Type, from body: Data) throws -> Message {
        if let checked = try? makeDecoder().decode(SchemaAndMessage<Message>.self, from: body), checked.schema == Message.schemaID {
            try checked.message.validate()
            return checked.message
        }
        let schema = try schema(of: body)
        guard schema == Message.schemaID else { throw ContractError.unknownSchema(found: schema, expected: Message.schemaID) }
        let message: Message
        do {
            message = try makeDecoder().decode(Message.self, from: body)
        } catch let error as DecodingError {
            throw contractError(error, schema: Message.schemaID)
        }
        try message.validate()
        return message
    }

    private static func path(_ codingPath: [any CodingKey], plus key: (any CodingKey)? = nil) -> String {
        var parts: [String] = []
        for item in codingPath + (key.map { [$0] } ?? []) {
            if let index = item.intValue { parts.append("[\(index)]") } else { parts.append((parts.isEmpty ? "" : ".") + item.stringValue) }
        }
        return parts.joined()
    }

    private static func contractError(_ error: DecodingError, schema: String) -> ContractError {
        switch error {
        case .keyNotFound(let key, let context):
            return .missingField(schema: schema, field: path(context.codingPath, plus: key))
        case .valueNotFound(_, let context):
            return .missingField(schema: schema, field: path(context.codingPath))
        case .typeMismatch(let type, let context):
            return .wrongType(schema: schema, field: path(context.codingPath), expected: typeName(type))
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return .malformedJSON(detail: jsonProblem(error)) }
            return .invalidValue(schema: schema, field: path(context.codingPath), reason: context.debugDescription)
        @unknown default:
            return .malformedJSON(detail: "\(error)")
        }
    }

    private static func jsonProblem(_ error: DecodingError) -> String {
        if case .dataCorrupted(let context) = error {
            if let underlying = context.underlyingError { return "\(context.debugDescription) (\(underlying.localizedDescription))" }
            return context.debugDescription
        }
        if case .typeMismatch = error { return "the body is not a JSON object" }
        return "\(error)"
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "an integer"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return name
        }
    }
}
