import Foundation

/// A failure talking to PostgreSQL, with a message that names what went wrong and where.
public enum PostgresError: Error, Equatable, CustomStringConvertible {
    /// The connection URL could not be understood.
    case invalidURL(String, reason: String)
    /// No connection could be made within the reconnect budget.
    case connectionFailed(target: String, message: String)
    /// The server went away while a statement was in flight.
    case connectionLost(statement: String, message: String)
    /// The server rejected a statement.
    case statementFailed(sqlState: String?, message: String, detail: String?, statement: String)
    /// A result column held a value that does not convert to the requested Swift type.
    case decodingFailed(column: String, row: Int, expected: String, value: String?)
    /// A result has no column with the requested name.
    case missingColumn(String, available: [String])
    /// COPY ... FROM STDIN did not complete.
    case copyFailed(statement: String, message: String)
    /// A parameter or identifier the caller passed cannot be sent safely.
    case invalidArgument(String)

    /// True when the failure means the server is unreachable, so a retry after reconnecting may succeed.
    public var isConnectionLoss: Bool {
        switch self {
        case .connectionFailed, .connectionLost:
            return true
        case .statementFailed(let state, _, _, _):
            // Class 08 is connection exceptions; 57P01-57P03 are shutdowns and crash recovery.
            guard let state else { return false }
            return state.hasPrefix("08") || state == "57P01" || state == "57P02" || state == "57P03"
        default:
            return false
        }
    }

    /// The SQLSTATE code the server reported, if any.
    public var sqlState: String? {
        if case .statementFailed(let state, _, _, _) = self { return state }
        return nil
    }

    /// The message a user reads: what failed and where.
    public var description: String {
        switch self {
        case .invalidURL(let url, let reason):
            return "invalid PostgreSQL URL \(url): \(reason)"
        case .connectionFailed(let target, let message):
            return "cannot connect to PostgreSQL at \(target): \(message)"
        case .connectionLost(let statement, let message):
            return "connection to PostgreSQL lost during \(PostgresError.summary(of: statement)): \(message)"
        case .statementFailed(let state, let message, let detail, let statement):
            var text = "PostgreSQL rejected \(PostgresError.summary(of: statement)): \(message)"
            if let state { text += " (SQLSTATE \(state))" }
            if let detail, !detail.isEmpty { text += "; \(detail)" }
            return text
        case .decodingFailed(let column, let row, let expected, let value):
            return "column \(column) in row \(row) holds \(value.map { "'\($0)'" } ?? "NULL"), not a \(expected)"
        case .missingColumn(let name, let available):
            return "the result has no column \(name); it has \(available.joined(separator: ", "))"
        case .copyFailed(let statement, let message):
            return "COPY failed in \(PostgresError.summary(of: statement)): \(message)"
        case .invalidArgument(let message):
            return message
        }
    }

    /// The first line of a statement, short enough for a log line.
    static func summary(of statement: String) -> String {
        let firstLine = statement.split(whereSeparator: \.isNewline).first.map(String.init) ?? statement
        let trimmed = firstLine.trimmingCharacters(in: .whitespaces)
        return trimmed.count > 80 ? "'\(trimmed.prefix(77))...'" : "'\(trimmed)'"
    }
}
