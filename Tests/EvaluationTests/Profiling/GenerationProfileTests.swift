import Testing
@testable import Evaluation

/// A profile aggregates request timings into the trade-off table's speed figures.
struct GenerationProfileTests {
    let timings = [
        RequestTiming(promptTokens: 10, completionTokens: 11, timeToFirstTokenSeconds: 0.1, totalSeconds: 1.1),
        RequestTiming(promptTokens: 12, completionTokens: 21, timeToFirstTokenSeconds: 0.3, totalSeconds: 2.3),
        RequestTiming(promptTokens: 8, completionTokens: 1, timeToFirstTokenSeconds: 0.2, totalSeconds: 0.2),
    ]

    @Test func timePerOutputTokenExcludesTheFirstToken() throws {
        let perToken = try #require(timings[0].timePerOutputTokenSeconds)
        #expect(abs(perToken - 0.1) < 1e-12)
        #expect(timings[2].timePerOutputTokenSeconds == nil)
    }

    @Test func meansAndPercentilesAreInMilliseconds() throws {
        let profile = GenerationProfile(timings: timings)
        #expect(profile.requests == 3)
        #expect(abs(try #require(profile.timeToFirstTokenMs) - 200) < 1e-9)
        // Per-token times: 100 ms and 100 ms (the one-token request has none).
        #expect(abs(try #require(profile.timePerOutputTokenMs) - 100) < 1e-9)
        #expect(abs(try #require(profile.latencyP50Ms) - 1100) < 1e-9)
        // Sorted latencies 200, 1100, 2300: rank 0.95 * 2 = 1.9, so 1100 + 0.9 * 1200.
        #expect(abs(try #require(profile.latencyP95Ms) - 2180) < 1e-9)
        #expect(abs(try #require(profile.latencyMeanMs) - 1200) < 1e-9)
    }

    @Test func throughputIsTheDecodeRateAfterEachFirstToken() throws {
        let profile = GenerationProfile(timings: timings)
        #expect(profile.completionTokens == 33)
        // 10 + 20 tokens after the first ones, in 1.0 + 2.0 s; the one-token request has no decode time.
        #expect(abs(try #require(profile.tokensPerSecond) - 30.0 / 3.0) < 1e-9)
    }

    @Test func externalFiguresAreCarriedThrough() {
        let profile = GenerationProfile(timings: timings, peakRSSBytes: 123, loadTimeMs: 45, sizeBytes: 6789)
        #expect(profile.peakRSSBytes == 123)
        #expect(profile.loadTimeMs == 45)
        #expect(profile.sizeBytes == 6789)
    }

    @Test func noRequestsGiveNoFigures() {
        let profile = GenerationProfile(timings: [])
        #expect(profile.requests == 0)
        #expect(profile.latencyP95Ms == nil)
        #expect(profile.tokensPerSecond == nil)
    }
}
