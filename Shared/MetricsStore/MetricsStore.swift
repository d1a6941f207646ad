import Foundation
import Logging

/// The metrics database: batched, idempotent ingestion of every measurement and the report queries.
///
/// Connect it with the service role (`DATABASE_URL`); run `Migrator` with the owner role first.
public final class MetricsStore: Sendable {
    /// The connection the store writes and reads through.
    public let connection: PostgresConnection
    private let logger: Logger

    /// Wraps an existing connection.
    public init(connection: PostgresConnection, logger: Logger = Logger(label: "lce.metricsstore")) {
        self.connection = connection
        self.logger = logger
    }

    /// Connects to the database at `url` (e.g. the `DATABASE_URL` environment variable).
    public static func connect(_ url: String, reconnectTimeout: Duration = .seconds(30),
                               logger: Logger = Logger(label: "lce.metricsstore")) async throws -> MetricsStore {
        let connection = try await PostgresConnection.connect(url, reconnectTimeout: reconnectTimeout, logger: logger)
        return MetricsStore(connection: connection, logger: logger)
    }

    /// Writes a batch of events in one transaction and returns once it is committed.
    ///
    /// Safe to repeat: events already stored (same event id, or same request id for served
    /// requests and routing decisions) are skipped, so a consumer may ack after this returns
    /// and redeliver the whole batch after a failure. A lost connection is retried once.
    @discardableResult
    public func ingest(_ events: [MetricsEvent]) async throws -> IngestSummary {
        guard !events.isEmpty else { return IngestSummary() }
        return try await connection.transaction(retryingOnConnectionLoss: true) { session in
            var writer = IngestWriter(session: session)
            try writer.write(events)
            return writer.summary
        }
    }

    /// Closes the connection.
    public func close() async {
        await connection.close()
    }
}
