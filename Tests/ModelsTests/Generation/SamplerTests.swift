import Foundation
import Testing
import Models

/// The sampler's choice follows its settings, and a seed repeats it exactly.
struct SamplerTests {
    /// Draws `count` samples from `logits` and counts each id.
    func histogram(_ sampler: Sampler, _ logits: [Float], count: Int) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        logits.withUnsafeBufferPointer { p in
            for _ in 0..<count { counts[sampler.sample(p.baseAddress!), default: 0] += 1 }
        }
        return counts
    }

    @Test func greedyTakesTheLargestLogit() {
        let sampler = Sampler(vocabularySize: 5)
        #expect(histogram(sampler, [0.1, 2.5, -1, 2.4, 0], count: 10) == [1: 10])
    }

    @Test func theSameSeedGivesTheSameSamples() {
        let logits: [Float] = (0..<50).map { Float($0 % 7) * 0.3 }
        let draw = { (seed: UInt64) -> [Int] in
            let sampler = Sampler(vocabularySize: 50, temperature: 1, seed: seed)
            return logits.withUnsafeBufferPointer { p in (0..<40).map { _ in sampler.sample(p.baseAddress!) } }
        }
        #expect(draw(7) == draw(7))
        #expect(draw(7) != draw(8))
    }

    @Test func topKSamplesOnlyTheKMostLikely() {
        let logits: [Float] = [1, 5, 2, 4.9, 3, 0, 4.8]
        let sampler = Sampler(vocabularySize: logits.count, temperature: 1, topK: 3, seed: 1)
        let counts = histogram(sampler, logits, count: 3000)
        #expect(Set(counts.keys) == [1, 3, 6])
    }

    @Test func topPSamplesOnlyTheNucleus() {
        // Probabilities 0.5, 0.3, 0.15, 0.05: p = 0.7 keeps the first two (0.5 < 0.7 <= 0.8).
        let logits: [Float] = [0.5, 0.3, 0.15, 0.05].map { Foundation.log($0) }
        let sampler = Sampler(vocabularySize: 4, temperature: 1, topP: 0.7, seed: 3)
        let counts = histogram(sampler, logits, count: 4000)
        #expect(Set(counts.keys) == [0, 1])
        let share = Double(counts[0] ?? 0) / 4000
        #expect(abs(share - 0.5 / 0.8) < 0.03, "share of the top token \(share)")
    }

    @Test func temperatureOneFollowsTheSoftmax() {
        // exp(ln 3) : exp(0) = 3 : 1, so token 0 is chosen three times in four.
        let sampler = Sampler(vocabularySize: 2, temperature: 1, seed: 11)
        let counts = histogram(sampler, [Foundation.log(Float(3)), 0], count: 20000)
        let share = Double(counts[0] ?? 0) / 20000
        #expect(abs(share - 0.75) < 0.015, "share \(share)")
    }

    @Test func lowTemperatureSharpensTowardsTheMaximum() {
        let sampler = Sampler(vocabularySize: 2, temperature: 0.25, seed: 5)
        let counts = histogram(sampler, [Foundation.log(Float(3)), 0], count: 20000)
        // 3^4 : 1 = 81 : 1.
        let share = Double(counts[0] ?? 0) / 20000
        #expect(abs(share - 81.0 / 82.0) < 0.006, "share \(share)")
    }
}
