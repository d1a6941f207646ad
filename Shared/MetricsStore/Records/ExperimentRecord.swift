import Foundation

/// An experiment: a named comparison that evaluations and training runs belong to.
public struct ExperimentRecord: Sendable, Equatable {
    /// Producer-chosen id.
    public var id: UUID
    /// Human-readable name.
    public var name: String
    /// Free-text purpose.
    public var description: String?
    /// The experiment's settings as JSON.
    public var config: PostgresJSON

    /// Creates an experiment record.
    public init(id: UUID, name: String, description: String? = nil, config: PostgresJSON = .emptyObject) {
        self.id = id
        self.name = name
        self.description = description
        self.config = config
    }
}
