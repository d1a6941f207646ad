import CPostgres
import Foundation

/// A live libpq connection used synchronously on its owner's dedicated queue.
///
/// Obtain one inside `PostgresConnection.withSession` or `transaction`; every call blocks the
/// calling thread, which is why those run off Swift's cooperative pool.
public final class PostgresSession {
    let handle: OpaquePointer
    private var preparedNames: [String: String] = [:]

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        PQfinish(handle)
    }

    /// True while libpq believes the socket is usable.
    var isHealthy: Bool { PQstatus(handle) == CONNECTION_OK }

    /// Runs one parameterized statement (`$1`, `$2`, ...) and returns its rows.
    ///
    /// Values travel separately from the SQL text, so no value is ever parsed as SQL. With
    /// `prepared`, the statement is parsed once per connection and reused.
    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable)?] = [], prepared: Bool = false) throws -> PostgresRows {
        let texts = parameters.map { $0?.postgresText }
        let statementName = prepared ? try preparedName(for: sql, parameterCount: texts.count) : nil
        let result = withCStrings(texts) { values -> OpaquePointer? in
            if let statementName {
                return PQexecPrepared(handle, statementName, Int32(values.count), values, nil, nil, 0)
            }
            return PQexecParams(handle, sql, Int32(values.count), nil, values, nil, nil, 0)
        }
        return try consume(result, statement: sql)
    }

    /// Runs a parameterized statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [(any PostgresEncodable)?] = [], prepared: Bool = false) throws -> Int {
        try query(sql, parameters, prepared: prepared).affectedRows
    }

    /// Runs SQL text with no parameters, possibly several statements (schema migrations only).
    public func executeScript(_ sql: String) throws {
        let result = PQexec(handle, sql)
        _ = try consume(result, statement: sql)
    }

    private func preparedName(for sql: String, parameterCount: Int) throws -> String {
        if let name = preparedNames[sql] { return name }
        let name = "lce_\(preparedNames.count + 1)"
        let result = PQprepare(handle, name, sql, Int32(parameterCount), nil)
        _ = try consume(result, statement: sql)
        preparedNames[sql] = name
        return name
    }

    /// Turns a PGresult into rows or an error, and frees it.
    func consume(_ result: OpaquePointer?, statement: String) throws -> PostgresRows {
        guard let result else {
            throw failure(statement: statement, message: lastErrorMessage)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN:
            return PostgresRows(columns: [], cells: [], affectedRows: affectedRows(result))
        case PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE:
            return decodeRows(result)
        default:
            let message = field(result, "M") ?? String(cString: PQresultErrorMessage(result))
            let state = field(result, "C")
            if !isHealthy {
                throw PostgresError.connectionLost(statement: statement, message: message.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            throw PostgresError.statementFailed(sqlState: state, message: message, detail: field(result, "D"), statement: statement)
        }
    }

    /// The error for a call that returned no result at all (out of memory or a dead socket).
    func failure(statement: String, message: String) -> PostgresError {
        isHealthy
            ? .statementFailed(sqlState: nil, message: message, detail: nil, statement: statement)
            : .connectionLost(statement: statement, message: message)
    }

    var lastErrorMessage: String {
        String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func decodeRows(_ result: OpaquePointer) -> PostgresRows {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        var cells: [[String?]] = []
        cells.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(columnCount)
            for column in 0..<columnCount {
                if PQgetisnull(result, Int32(row), Int32(column)) != 0 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, Int32(row), Int32(column))))
                }
            }
            cells.append(values)
        }
        return PostgresRows(columns: columns, cells: cells, affectedRows: rowCount)
    }

    private func affectedRows(_ result: OpaquePointer) -> Int {
        Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    private func field(_ result: OpaquePointer, _ code: Character) -> String? {
        guard let ascii = code.asciiValue, let pointer = PQresultErrorField(result, Int32(ascii)) else { return nil }
        return String(cString: pointer)
    }
}

/// Hands libpq an array of C strings (nil for NULL) that live for the duration of `body`.
func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let owned: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
    defer { owned.forEach { free($0) } }
    return body(owned.map { $0.map { UnsafePointer($0) } })
}
