/// What one ingestion batch stored: rows new to the database and rows already there.
public struct IngestSummary: Sendable, Equatable {
    /// Rows inserted or updated.
    public var stored: Int = 0
    /// Events skipped because their event id (or request id) was already stored.
    public var duplicates: Int = 0

    /// An empty summary.
    public init() {}

    /// Creates a summary with counts.
    public init(stored: Int, duplicates: Int) {
        self.stored = stored
        self.duplicates = duplicates
    }

    /// Adds the counts of a statement that inserted `stored` of `received` rows.
    mutating func add(received: Int, stored: Int) {
        self.stored += stored
        self.duplicates += max(0, received - stored)
    }
}
