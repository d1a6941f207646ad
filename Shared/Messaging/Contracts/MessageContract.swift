import Foundation

/// A message body on the bus: JSON with a `schema` field naming its type and version, and a producer-chosen UUID.
public protocol MessageContract: Codable, Sendable {
    /// The schema this type reads and writes, e.g. `lce.generate.request/v1`.
    static var schemaID: String { get }
    /// The producer's id for this message; consumers deduplicate on it.
    var id: UUID { get }
    /// Checks values a decoder cannot (ranges, non-empty text); throws `ContractError.invalidValue`.
    func validate() throws
}

extension MessageContract {
    /// Messages with no constraints beyond their types accept every decoded value.
    public func validate() throws {}
}
