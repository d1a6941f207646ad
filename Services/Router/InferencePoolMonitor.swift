import Foundation
import Logging
import Messaging

/// Knows which variants have live workers: a variant is live when its `inference.<variant>`
/// queue has at least one consumer. Answers come from a passive queue declare, cached for a
/// short while so the check costs nothing on most requests; a "live" older than that is still
/// used while a fresh one is fetched in the background, so no request to a live pool waits for
/// the broker except the first for a variant. A worker's reply also counts as a fresh "live".
actor InferencePoolMonitor {
    private let url: AMQPURL
    private let cacheFor: Duration
    private let logger: Logger
    private var connection: AMQPConnection?
    private var channel: AMQPChannel?
    private var cache: [String: (live: Bool, queueExists: Bool, at: ContinuousClock.Instant)] = [:]
    private var refresh: Task<Void, Never>?

    init(url: AMQPURL, cacheFor: Duration = .seconds(1), logger: Logger) {
        self.url = url
        self.cacheFor = cacheFor
        self.logger = logger
    }

    /// The variants among `candidates` whose queue has a consumer now.
    func liveVariants(among candidates: Set<String>) async -> Set<String> {
        let now = ContinuousClock.now
        let stale = candidates.filter { isStale($0, at: now) }
        // While some candidate is known live, stale answers are refreshed in the background and the request goes on
        // with what is known (at worst a fallback answers for a moment). With none live, the stale ones are asked
        // again first: a pool that came back (workers reconnecting after a broker restart) must not be answered 503
        // for a cache period on the strength of an old check.
        if candidates.contains(where: { cache[$0]?.live == true }) {
            if !stale.isEmpty && refresh == nil {
                refresh = Task { await self.check(stale) }
            }
            return candidates.filter { cache[$0]?.live == true }
        }
        // Bounded: a check slower than the cache period (a broker that is slow to answer) must not loop for ever.
        for _ in 0..<3 {
            let now = ContinuousClock.now
            let stale = candidates.filter { isStale($0, at: now) }
            if stale.isEmpty { break }
            if let running = refresh {
                await running.value
                continue
            }
            // One check at a time on the shared channel: a passive declare of a queue that does not exist closes the
            // channel (404), and a check of another variant interleaved with it (actor reentrancy) would fail with it
            // and cache a live pool as dead, answering 503 for a second.
            let task = Task { await self.check(stale) }
            refresh = task
            await task.value
            break
        }
        return candidates.filter { cache[$0]?.live == true }
    }

    /// A "live" holds for the cache period; a "dead" whose queue exists for a fifth of it, so a pool that comes
    /// back (workers reconnecting after a broker restart, a worker starting on a queue one had declared) is seen
    /// within a fraction of a second. A queue no worker ever declared is asked about once a period, not more.
    private func isStale(_ variant: String, at now: ContinuousClock.Instant) -> Bool {
        guard let entry = cache[variant] else { return true }
        return entry.at.duration(to: now) >= (entry.live || !entry.queueExists ? cacheFor : cacheFor / 5)
    }

    /// A worker of `variant` just answered: the pool is live whatever the last check said.
    func answered(by variant: String) {
        cache[variant] = (true, true, ContinuousClock.now)
    }

    /// True when `variant` was seen with a consumer within the cache period.
    func isLive(_ variant: String) async -> Bool {
        await liveVariants(among: [variant]).contains(variant)
    }

    private func check(_ variants: Set<String>) async {
        for variant in variants.sorted() {
            let queue = Topology.Queue.inference(variant)
            // A lost connection (a broker restart) is asked again once on a fresh one before anything is concluded.
            var count = await consumerCount(queue: queue)
            if count == nil { count = await consumerCount(queue: queue) }
            if let count {
                cache[variant] = (count.consumers > 0, count.queueExists, ContinuousClock.now)
            }
            // No answer from the broker says nothing about the pool: the last known state stays, still stale, so the
            // next request asks again instead of a live pool being answered 503 for a cache period.
        }
        refresh = nil
    }

    /// Consumers of `queue` and whether it exists (0 and false when no worker ever declared it), nil when the
    /// broker could not be asked.
    private func consumerCount(queue: String) async -> (consumers: Int, queueExists: Bool)? {
        do {
            let channel = try await currentChannel()
            return (try await channel.declareQueue(queue, passive: true).consumerCount, true)
        } catch {
            self.channel = nil
            if let messagingError = error as? MessagingError, messagingError.isConnectionLoss {
                await connection?.close()
                connection = nil
                logger.warning("pool check lost the broker", metadata: ["error": "\(error)"])
                return nil
            }
            // A missing queue closes the channel (404): no worker has ever declared it.
            return (0, false)
        }
    }

    private func currentChannel() async throws -> AMQPChannel {
        if let channel { return channel }
        if connection == nil || connection?.isOpen == false {
            connection = try await AMQPConnection.connect(to: url, name: "router-pool-monitor", logger: logger)
        }
        guard let connection else { throw MessagingError.connectionClosed(reason: "no connection") }
        let opened = try await connection.openChannel()
        channel = opened
        return opened
    }
}
