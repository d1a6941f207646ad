/// A statement's result, copied out of libpq so it outlives the connection call that made it.
public struct PostgresRows: Sendable, Sequence {
    /// Column names in result order.
    public let columns: [String]
    /// Cell text per row and column; nil is SQL NULL.
    let cells: [[String?]]
    /// Rows the statement affected (`INSERT 0 5` gives 5); for SELECT, the row count.
    public let affectedRows: Int

    init(columns: [String], cells: [[String?]], affectedRows: Int) {
        self.columns = columns
        self.cells = cells
        self.affectedRows = affectedRows
    }

    /// Number of rows returned.
    public var count: Int { cells.count }

    /// True when no rows were returned.
    public var isEmpty: Bool { cells.isEmpty }

    /// The row at a position.
    public subscript(index: Int) -> PostgresRow {
        PostgresRow(columns: columns, cells: cells[index], index: index)
    }

    /// The first row, if any.
    public var first: PostgresRow? { isEmpty ? nil : self[0] }

    /// Iterates the rows in order.
    public func makeIterator() -> AnyIterator<PostgresRow> {
        var index = 0
        return AnyIterator {
            guard index < cells.count else { return nil }
            defer { index += 1 }
            return self[index]
        }
    }
}
