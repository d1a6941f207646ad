import Testing
@testable import Tensor

@Suite(.serialized) struct ThreadingTests {
    @Test func parallelForRunsEveryIterationOnce() {
        let saved = Threading.count
        defer { Threading.count = saved }
        Threading.count = 2
        let hits = UnsafeMutablePointer<Int>.allocate(capacity: 100)
        hits.initialize(repeating: 0, count: 100)
        defer { hits.deallocate() }
        Threading.parallelFor(100) { i in hits[i] += 1 }
        #expect((0..<100).allSatisfy { hits[$0] == 1 })
    }

    @Test func threadCountIsAtLeastOne() {
        let saved = Threading.count
        defer { Threading.count = saved }
        Threading.count = 0
        #expect(Threading.count == 1)
    }

    @Test func sharesCoverTheRangeWithoutGaps() {
        for total in [0, 1, 7, 100] {
            for parts in 1...5 {
                let ranges = (0..<parts).map { WeightMatrix.share(of: total, part: $0, parts: parts) }
                #expect(ranges.map(\.count).reduce(0, +) == total)
                #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            }
        }
    }
}
