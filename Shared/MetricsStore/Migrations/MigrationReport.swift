/// What one `Migrator.migrate` call did.
public struct MigrationReport: Sendable, Equatable {
    /// Versions applied by this call, in order; empty when the schema was already current.
    public let applied: [Int]
    /// The highest version in the database afterwards.
    public let currentVersion: Int
    /// Versions found in the database that this code does not know (a newer release ran).
    public let unknown: [Int]
}
