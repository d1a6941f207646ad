import Foundation

/// Ids of jobs this process has finished, so a redelivered job is acknowledged without running twice.
/// Bounded: the oldest ids are forgotten first (a redelivery comes soon after the first delivery, if at all).
actor FinishedJobs {
    private var ids: Set<UUID> = []
    private var order: [UUID] = []
    private let capacity = 10_000

    func contains(_ id: UUID) -> Bool { ids.contains(id) }

    func insert(_ id: UUID) {
        guard ids.insert(id).inserted else { return }
        order.append(id)
        if order.count > capacity { ids.remove(order.removeFirst()) }
    }
}
