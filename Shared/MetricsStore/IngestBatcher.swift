import Foundation
import Logging

/// Gathers events from many concurrent callers into batches and writes each batch in one
/// transaction; every caller's `submit` returns only after its event's batch has committed
/// (or throws if it could not be), so a consumer can acknowledge a message exactly when its
/// row is durable.
public actor IngestBatcher {
    private let store: MetricsStore
    private let maxBatch: Int
    private let maxDelay: Duration
    private let logger: Logger
    private var pending: [(MetricsEvent, CheckedContinuation<Void, Error>)] = []
    private var timer: Task<Void, Never>?
    private var flushing = false
    private(set) var batchesWritten = 0

    /// Batches of at most `maxBatch` events, written at the latest `maxDelay` after the first one arrives.
    public init(store: MetricsStore, maxBatch: Int = 500, maxDelay: Duration = .milliseconds(100),
                logger: Logger = Logger(label: "lce.metricsstore.batcher")) {
        self.store = store
        self.maxBatch = max(1, maxBatch)
        self.maxDelay = maxDelay
        self.logger = logger
    }

    /// Adds `event` to the next batch and returns once that batch is committed.
    public func submit(_ event: MetricsEvent) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            pending.append((event, continuation))
            if pending.count >= maxBatch {
                startFlush()
            } else if timer == nil {
                timer = Task { [maxDelay] in
                    try? await Task.sleep(for: maxDelay)
                    guard !Task.isCancelled else { return }
                    self.timerFired()
                }
            }
        }
    }

    /// Batches committed so far.
    public var committedBatches: Int { batchesWritten }

    private func timerFired() {
        timer = nil
        startFlush()
    }

    private func startFlush() {
        guard !flushing, !pending.isEmpty else { return }
        timer?.cancel()
        timer = nil
        flushing = true
        let batch = Array(pending.prefix(maxBatch))
        pending.removeFirst(batch.count)
        Task { await self.write(batch) }
    }

    private func write(_ batch: [(MetricsEvent, CheckedContinuation<Void, Error>)]) async {
        let outcomes = await store.ingestHoldingThroughOutages(batch.map(\.0), logger: logger)
        batchesWritten += 1
        for ((_, continuation), outcome) in zip(batch, outcomes) {
            if let outcome { continuation.resume(throwing: outcome) } else { continuation.resume() }
        }
        flushing = false
        if pending.count >= maxBatch {
            startFlush()
        } else if !pending.isEmpty && timer == nil {
            timer = Task { [maxDelay] in
                try? await Task.sleep(for: maxDelay)
                guard !Task.isCancelled else { return }
                self.timerFired()
            }
        }
    }
}
