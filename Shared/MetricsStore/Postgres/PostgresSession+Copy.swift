import CPostgres
import Foundation

extension PostgresSession {
    /// Streams rows into `COPY table (columns) FROM STDIN` in text format and returns the count copied.
    ///
    /// Values are escaped for COPY's text format (backslash, tab, newline, carriage return), and
    /// nil becomes `\N`, so no value is ever interpreted as a delimiter.
    @discardableResult
    public func copyIn<Rows: Sequence>(_ copyStatement: String, rows: Rows) throws -> Int
    where Rows.Element == [(any PostgresEncodable)?] {
        _ = try consume(PQexec(handle, copyStatement), statement: copyStatement)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16)
        var failure: String?
        for row in rows {
            PostgresCopyFormat.appendRow(row, to: &buffer)
            // Memory bound: flush every 64 KiB instead of building the whole batch.
            if buffer.count >= 1 << 16 {
                if let message = put(buffer) { failure = message; break }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if failure == nil, !buffer.isEmpty { failure = put(buffer) }
        let endStatus = PQputCopyEnd(handle, failure)
        if endStatus != 1 { failure = failure ?? lastErrorMessage }
        // Drain every result, the COPY's own last; an error there explains a failed copy.
        var copied = 0
        var serverError: Error?
        while let result = PQgetResult(handle) {
            do {
                copied = try consume(result, statement: copyStatement).affectedRows
            } catch {
                serverError = serverError ?? error
            }
        }
        if let serverError { throw serverError }
        if let failure {
            if !isHealthy { throw PostgresError.connectionLost(statement: copyStatement, message: failure) }
            throw PostgresError.copyFailed(statement: copyStatement, message: failure)
        }
        return copied
    }

    private func put(_ buffer: [UInt8]) -> String? {
        let status = buffer.withUnsafeBufferPointer { pointer in
            pointer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                PQputCopyData(handle, $0, Int32(buffer.count))
            }
        }
        return status == 1 ? nil : lastErrorMessage
    }
}
