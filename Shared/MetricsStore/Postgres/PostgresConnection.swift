import CPostgres
import Dispatch
import Foundation
import Logging

/// An async handle to one PostgreSQL connection that reconnects after the server restarts.
///
/// libpq calls block, so they run on this connection's own serial dispatch queue, never on
/// Swift's cooperative pool; the queue also serializes use of the one libpq connection.
public final class PostgresConnection: @unchecked Sendable {
    /// Where this connection goes (its description hides the password).
    public let url: PostgresURL
    /// How long a call keeps trying to reconnect before it gives up with `connectionFailed`.
    public let reconnectTimeout: Duration
    private let logger: Logger
    private let queue: DispatchQueue
    // Touched only on `queue`.
    private var session: PostgresSession?
    private var closed = false

    /// Creates a connection that connects on first use.
    public init(url: PostgresURL, reconnectTimeout: Duration = .seconds(30), logger: Logger = Logger(label: "lce.postgres")) {
        self.url = url
        self.reconnectTimeout = reconnectTimeout
        self.logger = logger
        self.queue = DispatchQueue(label: "lce.postgres.\(url.host):\(url.port)")
    }

    /// Parses the URL and connects now, so a wrong password or host fails at start-up.
    public static func connect(_ urlString: String, reconnectTimeout: Duration = .seconds(30),
                               logger: Logger = Logger(label: "lce.postgres")) async throws -> PostgresConnection {
        let connection = PostgresConnection(url: try PostgresURL(urlString), reconnectTimeout: reconnectTimeout, logger: logger)
        try await connection.withSession { _ in }
        return connection
    }

    /// Runs `body` with the live session on the connection's queue.
    ///
    /// With `retryingOnConnectionLoss`, a body that failed because the server went away runs once
    /// more on a fresh connection; pass it only for work that is safe to repeat.
    public func withSession<T>(retryingOnConnectionLoss: Bool = false,
                               _ body: @escaping (PostgresSession) throws -> T) async throws -> T {
        // The body escapes to the queue; the caller awaits it, so it never outlives the call in practice.
        try await onQueue { [self] in
            do {
                return try body(try liveSession())
            } catch let error as PostgresError where retryingOnConnectionLoss && error.isConnectionLoss {
                logger.warning("retrying after lost connection", metadata: ["error": "\(error)"])
                dropSession()
                return try body(try liveSession())
            }
        }
    }

    /// Runs `body` inside BEGIN ... COMMIT, rolling back when it throws.
    ///
    /// With `retryingOnConnectionLoss`, a transaction cut off by a lost connection (it did not
    /// commit, or its commit's answer was lost) runs again; use it for idempotent work.
    public func transaction<T>(retryingOnConnectionLoss: Bool = false,
                               _ body: @escaping (PostgresSession) throws -> T) async throws -> T {
        try await withSession(retryingOnConnectionLoss: retryingOnConnectionLoss) { session in
            try session.execute("BEGIN")
            do {
                let value = try body(session)
                try session.execute("COMMIT")
                return value
            } catch {
                if session.isHealthy { _ = try? session.execute("ROLLBACK") }
                throw error
            }
        }
    }

    /// Runs one parameterized statement and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable)?] = [],
                      retryingOnConnectionLoss: Bool = false) async throws -> PostgresRows {
        try await withSession(retryingOnConnectionLoss: retryingOnConnectionLoss) { try $0.query(sql, parameters) }
    }

    /// Runs one parameterized statement and returns the number of rows it affected.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> Int {
        try await withSession { try $0.execute(sql, parameters) }
    }

    /// Closes the connection; later calls fail.
    public func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async { [self] in
                closed = true
                session = nil
                continuation.resume()
            }
        }
    }

    private func onQueue<T>(_ work: @escaping () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try work() })
            }
        }
    }

    private func dropSession() {
        session = nil
    }

    /// The current session, reconnecting with backoff until `reconnectTimeout` when it is gone.
    private func liveSession() throws -> PostgresSession {
        if closed { throw PostgresError.connectionFailed(target: url.description, message: "the connection was closed") }
        if let session, session.isHealthy { return session }
        if session != nil { logger.warning("connection lost; reconnecting", metadata: ["url": "\(url)"]) }
        session = nil
        let deadline = ContinuousClock.now + reconnectTimeout
        var delay = Duration.milliseconds(100)
        var attempt = 0
        while true {
            attempt += 1
            switch openSession() {
            case .success(let fresh):
                if attempt > 1 { logger.info("reconnected", metadata: ["url": "\(url)", "attempts": "\(attempt)"]) }
                session = fresh
                return fresh
            case .failure(let message):
                let now = ContinuousClock.now
                guard now + delay < deadline, !PostgresConnection.isPermanent(message) else {
                    throw PostgresError.connectionFailed(target: url.description, message: message)
                }
                if attempt == 1 || attempt % 10 == 0 {
                    logger.warning("cannot connect yet; retrying", metadata: ["url": "\(url)", "error": "\(message)"])
                }
                Thread.sleep(forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
                delay = min(delay * 2, .seconds(2))
            }
        }
    }

    /// Connection failures that waiting cannot fix (bad credentials, missing database), so they fail fast.
    static func isPermanent(_ message: String) -> Bool {
        let permanent = ["authentication failed", "does not exist", "no pg_hba.conf entry",
                         "permission denied for database", "invalid connection option", "password is required"]
        return permanent.contains { message.contains($0) }
    }

    private enum OpenResult {
        case success(PostgresSession)
        case failure(String)
    }

    private func openSession() -> OpenResult {
        let pairs = url.connectionParameters
        let handle: OpaquePointer? = withCStrings(pairs.map { $0.0 } + [nil]) { keys in
            withCStrings(pairs.map { $0.1 } + [nil]) { values in
                PQconnectdbParams(keys, values, 0)
            }
        }
        guard let handle else { return .failure("libpq could not allocate a connection") }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(handle)
            return .failure(message)
        }
        // NOTICEs such as "relation already exists, skipping" would otherwise go to stderr.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        return .success(PostgresSession(handle: handle))
    }
}
