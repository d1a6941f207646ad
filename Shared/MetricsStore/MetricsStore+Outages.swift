import Foundation
import Logging

extension MetricsStore {
    /// Writes `events` in one transaction and returns, per event and in order, nil when it is stored (now or
    /// by an earlier delivery) or the error that keeps it out.
    ///
    /// A database that is away is waited for, retrying with backoff (at most two seconds apart) until it
    /// returns, so the caller can hold its messages unacknowledged meanwhile. A batch the database refuses
    /// as a whole is written event by event, so only the bad events fail.
    public func ingestHoldingThroughOutages(_ events: [MetricsEvent], logger: Logger) async -> [Error?] {
        guard !events.isEmpty else { return [] }
        var attempt = 0
        while true {
            do {
                let summary = try await ingest(events)
                logger.debug("batch committed", metadata: ["stored": "\(summary.stored)", "duplicates": "\(summary.duplicates)"])
                return Array(repeating: nil, count: events.count)
            } catch let error as PostgresError where error.isConnectionLoss {
                if attempt == 0 || attempt % 30 == 0 {
                    logger.warning("database unavailable; holding batch", metadata: ["events": "\(events.count)", "error": "\(error)"])
                }
                attempt += 1
                try? await Task.sleep(for: .milliseconds(min(2000, 50 << min(attempt, 6))))
            } catch {
                logger.warning("batch rejected; writing events one by one", metadata: ["events": "\(events.count)", "error": "\(error)"])
                var outcomes: [Error?] = []
                outcomes.reserveCapacity(events.count)
                for event in events {
                    do {
                        try await ingest([event])
                        outcomes.append(nil)
                    } catch {
                        outcomes.append(error)
                    }
                }
                return outcomes
            }
        }
    }
}
