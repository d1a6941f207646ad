import Foundation

/// Samples and counts gathered from many client threads at once, behind a lock.
final class SampleCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var roundTrips: [Double] = []
    private var reported: [Double] = []
    private var failures = 0

    /// Records one answered request (client round trip, router-reported latency) or, with nil, a failure.
    func record(roundTrip: Double, reported latency: Double?) {
        lock.withLock {
            if let latency { roundTrips.append(roundTrip); reported.append(latency) } else { failures += 1 }
        }
    }

    var answered: [Double] { lock.withLock { roundTrips } }
    var routerReported: [Double] { lock.withLock { reported } }
    var failed: Int { lock.withLock { failures } }
}
