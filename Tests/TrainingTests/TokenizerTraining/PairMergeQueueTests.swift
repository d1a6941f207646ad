import Testing
@testable import Training

struct PairMergeQueueTests {
    static func key(_ left: UInt64, _ right: UInt64) -> UInt64 { left << 32 | right }

    @Test func popsHighestCountThenSmallestLeftThenSmallestRight() {
        var queue = PairMergeQueue()
        let pairs: [(UInt64, Int)] = [(Self.key(5, 1), 3), (Self.key(2, 9), 7), (Self.key(2, 4), 7), (Self.key(1, 8), 3), (Self.key(9, 9), 8)]
        for (pair, count) in pairs { queue.push(pair: pair, count: count, words: [Int32(count)]) }
        var order: [UInt64] = []
        while let entry = queue.pop() { order.append(entry.pair) }
        let expected: [UInt64] = [Self.key(9, 9), Self.key(2, 4), Self.key(2, 9), Self.key(1, 8), Self.key(5, 1)]
        #expect(order == expected)
    }

    @Test func reQueuedEntryKeepsItsWordList() {
        var queue = PairMergeQueue()
        queue.push(pair: 1, count: 10, words: [4, 7])
        guard var entry = queue.pop() else {
            Issue.record("queue lost its entry")
            return
        }
        entry.count = 2
        queue.push(entry)
        queue.push(pair: 2, count: 5, words: [1])
        #expect(queue.pop()?.pair == 2)
        guard let first = queue.pop() else {
            Issue.record("queue lost the re-queued entry")
            return
        }
        #expect(first.count == 2)
        #expect(queue.takeWords(of: first) == [4, 7])
        #expect(queue.isEmpty)
    }
}
