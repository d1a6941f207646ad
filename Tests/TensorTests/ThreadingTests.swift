import Testing
@testable import Tensor

@Suite(.serialized) struct ThreadingTests {
    // Neither test sets the process-wide count: other suites run engine kernels (and OpenBLAS) at the same time.
    @Test func parallelForRunsEveryIterationOnce() {
        let hits = UnsafeMutablePointer<Int>.allocate(capacity: 100)
        hits.initialize(repeating: 0, count: 100)
        defer { hits.deallocate() }
        Threading.parallelFor(100, threads: 2) { i in hits[i] += 1 }
        #expect((0..<100).allSatisfy { hits[$0] == 1 })
    }

    @Test func threadCountIsAtLeastOne() {
        #expect(Threading.validCount(0) == 1)
        #expect(Threading.validCount(-3) == 1)
        #expect(Threading.validCount(3) == 3)
        #expect(Threading.count >= 1)
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
