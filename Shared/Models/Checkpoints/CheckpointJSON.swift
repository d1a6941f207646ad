import Foundation

/// A parsed JSON value, so headers and index files can be checked field by field with precise errors.
indirect enum CheckpointJSON: Decodable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([CheckpointJSON])
    case object([String: CheckpointJSON])

    init(from decoder: Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var items: [CheckpointJSON] = []
            while !list.isAtEnd {
                items.append(try list.decode(CheckpointJSON.self))
            }
            self = .array(items)
            return
        }
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: CheckpointJSON] = [:]
            for key in object.allKeys {
                members[key.stringValue] = try object.decode(CheckpointJSON.self, forKey: key)
            }
            self = .object(members)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let value = try? single.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? single.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? single.decode(Double.self) {
            self = .number(value)
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    /// Parses `data`, or the decoder's complaint when it is not JSON.
    static func parse(_ data: Data) -> Result<CheckpointJSON, Error> {
        Result { try JSONDecoder().decode(CheckpointJSON.self, from: data) }
    }

    /// A short reason for a parse failure, without the decoder's boilerplate.
    static func explain(_ error: Error) -> String {
        guard case DecodingError.dataCorrupted(let context) = error else { return "\(error)" }
        if let underlying = context.underlyingError {
            return "\(context.debugDescription) \(underlying)"
        }
        return context.debugDescription
    }

    var object: [String: CheckpointJSON]? {
        if case .object(let members) = self { return members }
        return nil
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The elements when this is an array of integers.
    var integers: [Int]? {
        guard case .array(let items) = self else { return nil }
        var values: [Int] = []
        values.reserveCapacity(items.count)
        for item in items {
            guard case .integer(let value) = item else { return nil }
            values.append(value)
        }
        return values
    }

    /// A short spelling of the value's JSON type for error messages.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }
}
