import Foundation
import Testing
@testable import ServiceKit

@Suite struct ProgressBarTests {
    @Test func rendersFractionRateEtaAndExtras() {
        let text = ProgressBar.render(title: "train", done: 5, total: 10, elapsed: 2.5, width: 10, extra: "loss 1.25")
        #expect(text == "train [#####-----] 5/10 50% 2.0/s eta 3s loss 1.25")
    }

    @Test func formatsLongDurations() {
        #expect(ProgressBar.formatDuration(42) == "42s")
        #expect(ProgressBar.formatDuration(185) == "3m05s")
        #expect(ProgressBar.formatDuration(3720) == "1h02m")
    }
}

@Suite struct BlockingWorkQueueTests {
    struct Boom: Error, Equatable {}

    @Test func returnsTheResultOfWorkRunOffThePool() async throws {
        let queue = BlockingWorkQueue(label: "test")
        let value = try await queue.run { (1...10).reduce(0, +) }
        #expect(value == 55)
    }

    @Test func rethrowsTheWorksError() async {
        let queue = BlockingWorkQueue(label: "test")
        await #expect(throws: Boom()) { try await queue.run { throw Boom() } }
    }

    @Test func runsItemsOneAtATimeInOrder() async throws {
        let queue = BlockingWorkQueue(label: "test")
        let log = Log()
        async let a: Void = queue.run { log.append(1); usleep(20_000); log.append(2) }
        try await Task.sleep(for: .milliseconds(5))
        async let b: Void = queue.run { log.append(3) }
        _ = try await (a, b)
        #expect(log.values == [1, 2, 3])
    }

    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Int] = []
        func append(_ v: Int) { lock.withLock { items.append(v) } }
        var values: [Int] { lock.withLock { items } }
    }
}
