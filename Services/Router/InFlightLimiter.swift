import Routing
import Synchronization

/// Bounds the requests the router holds at once, so overload is answered with 503 at once
/// instead of queueing in memory without end.
final class InFlightLimiter: Sendable {
    let limit: Int
    private let current = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Requests being served now.
    var inFlight: Int { current.load(ordering: .relaxed) }

    /// Runs `work` if a slot is free, else throws `RouterError.unavailable`.
    func run<T: Sendable>(_ work: () async throws -> T) async throws -> T {
        let taken = current.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue
        defer { current.wrappingSubtract(1, ordering: .acquiringAndReleasing) }
        guard taken <= limit else {
            throw RouterError.unavailable("router is at its limit of \(limit) requests in flight; retry shortly")
        }
        return try await work()
    }
}
