import Foundation
import Testing
import Tensor
@testable import Training

/// Cross-entropy with ignore-index masking on logits [4, 7].
struct CrossEntropyBackwardTests {
    let logits = GradientCheck.random([4, 7], seed: 61, scale: 3)
    // Rows 0 and 2 are prompt tokens: masked.
    let targets: [Int32] = [-100, 3, -100, 6]

    func forward() throws -> (loss: Float, scored: Int, probabilities: Tensor) {
        let p = Tensor(shape: [4, 7])
        let result = try CrossEntropyBackward.forward(logits: logits.data, targets: targets, rows: 4, vocabulary: 7,
                                                      probabilities: p.data)
        return (result.loss, result.scoredRows, p)
    }

    @Test func lossIsTheMeanNegativeLogLikelihoodOverUnmaskedRows() throws {
        func nll(_ row: Int, _ target: Int) -> Double {
            let values = (0..<7).map { Double(logits[row * 7 + $0]) }
            let lse = Foundation.log(values.map { Foundation.exp($0) }.reduce(0, +))
            return lse - values[target]
        }
        let result = try forward()
        #expect(result.scored == 2)
        #expect(abs(Double(result.loss) - (nll(1, 3) + nll(3, 6)) / 2) < 1e-5)
    }

    @Test func logitGradientMatchesFiniteDifferences() throws {
        let numeric = try GradientCheck.numerical(logits, step: 1e-2) { Double(try forward().loss) }
        let result = try forward()
        let d = Tensor(shape: [4, 7])
        CrossEntropyBackward.backward(probabilities: result.probabilities.data, targets: targets, rows: 4, vocabulary: 7,
                                      scoredRows: result.scored, dLogits: d.data)
        #expect(GradientCheck.worstExcess(analytic: d.toArray(), numerical: numeric, atol: 1e-3) <= 0)
    }

    @Test func maskedRowsGetZeroGradient() throws {
        let result = try forward()
        let d = Tensor(shape: [4, 7])
        CrossEntropyBackward.backward(probabilities: result.probabilities.data, targets: targets, rows: 4, vocabulary: 7,
                                      scoredRows: result.scored, dLogits: d.data)
        #expect((0..<7).allSatisfy { d[$0] == 0 && d[14 + $0] == 0 })
        #expect((0..<7).contains { d[7 + $0] != 0 })
    }

    @Test func allMaskedBatchHasZeroLoss() throws {
        let none: [Int32] = [-100, -100, -100, -100]
        let p = Tensor(shape: [4, 7])
        let result = try CrossEntropyBackward.forward(logits: logits.data, targets: none, rows: 4, vocabulary: 7, probabilities: p.data)
        #expect(result.loss == 0 && result.scoredRows == 0)
    }

    @Test func targetOutsideVocabularyIsAnError() {
        let bad: [Int32] = [-100, 7, 0, 0]
        let p = Tensor(shape: [4, 7])
        #expect(throws: TrainingError.invalidArgument("target token 7 at row 1 is outside the vocabulary of 7")) {
            try CrossEntropyBackward.forward(logits: logits.data, targets: bad, rows: 4, vocabulary: 7, probabilities: p.data)
        }
    }
}
