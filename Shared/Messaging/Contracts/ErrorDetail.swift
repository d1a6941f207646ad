import Foundation

/// A failure carried inside a reply or event: a stable code and a message for people.
public struct ErrorDetail: Codable, Sendable, Equatable {
    /// A stable machine-readable code (`deadline_exceeded`, `invalid_request`, `prompt_too_long`, `unknown_variant`, `internal`).
    public var code: String
    /// What went wrong, for a user.
    public var message: String

    /// Creates a value.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case code
        case message
    }
}
