/// Why a message body is not a valid instance of its contract; the text names the field, and becomes `x-lce-reason` on a dead letter.
public enum ContractError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The body is not JSON, or not a JSON object.
    case malformedJSON(detail: String)
    /// The body's `schema` names another message type or version.
    case unknownSchema(found: String, expected: String)
    /// A required field is absent (or null).
    case missingField(schema: String, field: String)
    /// A field has the wrong JSON type.
    case wrongType(schema: String, field: String, expected: String)
    /// A field's value is out of range or malformed (a bad UUID, a timestamp that is not ISO-8601, a negative count).
    case invalidValue(schema: String, field: String, reason: String)

    /// The message shown to the user and put in the dead-letter reason.
    public var description: String {
        switch self {
        case .malformedJSON(let detail): return "malformed JSON: \(detail)"
        case .unknownSchema(let found, let expected): return "unknown schema '\(found)', expected '\(expected)'"
        case .missingField(let schema, let field): return "\(schema): missing required field '\(field)'"
        case .wrongType(let schema, let field, let expected): return "\(schema): field '\(field)' must be \(expected)"
        case .invalidValue(let schema, let field, let reason): return "\(schema): field '\(field)' \(reason)"
        }
    }
}
