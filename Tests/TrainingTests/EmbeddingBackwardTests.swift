import Testing
import Tensor
@testable import Training

/// Embedding lookup and its scatter-add backward on a [6, 4] table.
struct EmbeddingBackwardTests {
    let table = GradientCheck.random([6, 4], seed: 11)
    let tokens: [Int32] = [2, 5, 2, 0]
    let r = GradientCheck.random([4, 4], seed: 12)

    @Test func tableGradientMatchesFiniteDifferencesWithRepeatedTokens() throws {
        func loss() throws -> Double {
            let out = Tensor(shape: [4, 4])
            try tokens.withUnsafeBufferPointer {
                try EmbeddingBackward.forward($0.baseAddress!, count: 4, table: table.data, rows: 6, width: 4, into: out.data)
            }
            return GradientCheck.projected(out, onto: r)
        }
        let numeric = try GradientCheck.numerical(table) { try loss() }
        let dTable = Tensor(shape: [6, 4])
        tokens.withUnsafeBufferPointer {
            EmbeddingBackward.backward(r.data, tokens: $0.baseAddress!, count: 4, width: 4, dTable: dTable.data)
        }
        #expect(GradientCheck.worstExcess(analytic: dTable.toArray(), numerical: numeric) <= 0)
        // Token 2 appears twice: its row holds the sum of both output rows' gradients.
        #expect(abs(dTable[2 * 4] - (r[0] + r[2 * 4])) < 1e-6)
    }

    @Test func outOfRangeTokenIsAnErrorNamingThePosition() {
        let ids: [Int32] = [1, 9]
        let out = Tensor(shape: [2, 4])
        #expect(throws: TrainingError.invalidArgument("token id 9 at position 1 is outside the embedding table of 6 rows")) {
            try ids.withUnsafeBufferPointer {
                try EmbeddingBackward.forward($0.baseAddress!, count: 2, table: table.data, rows: 6, width: 4, into: out.data)
            }
        }
    }
}
