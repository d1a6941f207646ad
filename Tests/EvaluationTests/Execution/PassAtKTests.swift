import Testing
@testable import Evaluation

@Test func passAtOneIsTheFractionCorrect() throws {
    #expect(abs(try #require(PassAtK.estimate(samples: 10, correct: 3, k: 1)) - 0.3) < 1e-12)
}

@Test func passAtKMatchesHandComputedBinomials() throws {
    // 1 - C(7,5)/C(10,5) = 1 - 21/252 = 0.916666...
    #expect(abs(try #require(PassAtK.estimate(samples: 10, correct: 3, k: 5)) - (1 - 21.0 / 252.0)) < 1e-12)
    // 1 - C(4,2)/C(5,2) = 1 - 6/10 = 0.4
    #expect(abs(try #require(PassAtK.estimate(samples: 5, correct: 1, k: 2)) - 0.4) < 1e-12)
    // 1 - C(190,10)/C(200,10), by the product: 1 - prod_{i=191}^{200} (1 - 10/i)
    var product = 1.0
    for i in 191...200 { product *= 1 - 10.0 / Double(i) }
    #expect(abs(try #require(PassAtK.estimate(samples: 200, correct: 10, k: 10)) - (1 - product)) < 1e-12)
}

@Test func passAtKIsOneWhenTooFewFailuresToFillK() {
    #expect(PassAtK.estimate(samples: 10, correct: 8, k: 5) == 1)
}

@Test func passAtKIsZeroWithNoCorrectSample() {
    #expect(PassAtK.estimate(samples: 10, correct: 0, k: 5) == 0)
}

@Test func passAtKStaysFiniteForLargeSampleCounts() throws {
    // C(10000, 100) overflows Double; the product form does not. 1 - C(9900,100)/C(10000,100) ~ 0.6345
    let value = try #require(PassAtK.estimate(samples: 10_000, correct: 100, k: 100))
    #expect(value.isFinite)
    #expect(value > 0.63 && value < 0.64)
}

@Test func passAtKRejectsKAboveSampleCount() {
    #expect(PassAtK.estimate(samples: 3, correct: 1, k: 5) == nil)
    #expect(PassAtK.estimate(samples: 3, correct: 4, k: 1) == nil)
}

@Test func meanPassAtKAveragesTasks() throws {
    let value = try #require(PassAtK.mean([(samples: 2, correct: 1), (samples: 2, correct: 0)], k: 1))
    #expect(abs(value - 0.25) < 1e-12)
}
