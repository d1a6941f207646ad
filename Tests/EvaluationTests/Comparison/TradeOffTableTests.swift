import Testing
@testable import Evaluation

/// The table `lce eval` prints.
struct TradeOffTableTests {
    let rows = [
        VariantResult(variant: "base", model: "m", dataset: "d", samples: 2, bleu: 12.345, passAt1: 0.5, perplexity: 3.25,
                      profile: GenerationProfile(requests: 2, timeToFirstTokenMs: 80, latencyP95Ms: 1500, tokensPerSecond: 20.5,
                                                 peakRSSBytes: 512 * 1_048_576, sizeBytes: 400 * 1_048_576),
                      configHash: "fnv1a64:0", hardware: TinyModelFixture.hardware),
        VariantResult(variant: "lora.python", model: "m", dataset: "d", unavailableReason: "not available yet: no runtime",
                      configHash: "fnv1a64:1", hardware: TinyModelFixture.hardware),
    ]

    @Test func headerNamesEveryColumn() {
        let first = TradeOffTable.render(rows).split(separator: "\n")[0]
        for title in ["variant", "size MB", "peak RSS MB", "TTFT ms", "tokens/s", "p95 ms", "BLEU", "CodeBLEU", "pass@1", "perplexity"] {
            #expect(first.contains(title))
        }
    }

    @Test func evaluatedRowShowsItsFigures() {
        #expect(TradeOffTable.Row(rows[0]).cells() == ["base", "400.0", "512", "80.0", "20.5", "1500", "12.35", "-", "0.500", "3.250"])
    }

    @Test func largerKsGetAColumnEachAfterPassAt1() {
        var sampled = rows[0]
        sampled.passAtK = ["pass@1": 0.5, "pass@10": 0.75, "pass@5": 0.625]
        var other = rows[0]
        other.variant = "q4"
        other.passAtK = ["pass@1": 0.25, "pass@5": 0.5]
        let lines = TradeOffTable.render([sampled, other]).split(separator: "\n").map { $0.split(separator: " ") }
        #expect(lines[0].suffix(4) == ["pass@1", "pass@5", "pass@10", "perplexity"])
        #expect(lines[2].suffix(4) == ["0.500", "0.625", "0.750", "3.250"])
        // A k the row did not estimate shows as not measured.
        #expect(lines[3].suffix(4) == ["0.500", "0.500", "-", "3.250"])
    }

    @Test func unavailableVariantIsListedWithItsReason() {
        #expect(TradeOffTable.render(rows).hasSuffix("lora.python: not available yet: no runtime"))
    }
}
