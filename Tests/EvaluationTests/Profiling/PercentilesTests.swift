import Testing
@testable import Evaluation

/// Percentiles follow numpy's linear interpolation (values checked with numpy.percentile by hand).
struct PercentilesTests {
    @Test func medianOfEvenSampleInterpolatesBetweenMiddleValues() {
        #expect(Percentiles.value([4, 1, 3, 2], percentile: 50) == 2.5)
    }

    @Test func ninetyFifthPercentileInterpolatesBetweenClosestRanks() throws {
        // numpy.percentile([10, 20, 30, 40, 50], 95) == 48.0: rank 0.95 * 4 = 3.8 between 40 and 50.
        let value = try #require(Percentiles.value([50, 10, 40, 20, 30], percentile: 95))
        #expect(abs(value - 48.0) < 1e-12)
    }

    @Test func extremesAreMinimumAndMaximum() {
        #expect(Percentiles.value([7, 3, 9], percentile: 0) == 3)
        #expect(Percentiles.value([7, 3, 9], percentile: 100) == 9)
    }

    @Test func singleValueIsEveryPercentile() {
        #expect(Percentiles.value([42], percentile: 99) == 42)
    }

    @Test func emptySampleOrOutOfRangePercentileHasNoValue() {
        #expect(Percentiles.value([], percentile: 50) == nil)
        #expect(Percentiles.value([1, 2], percentile: 101) == nil)
        #expect(Percentiles.value([1, 2], percentile: -1) == nil)
    }

    @Test func standardDeviationIsThePopulationOne() throws {
        // numpy.std([2, 4, 4, 4, 5, 5, 7, 9]) == 2.0
        let deviation = try #require(Percentiles.standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]))
        #expect(abs(deviation - 2.0) < 1e-12)
    }
}
