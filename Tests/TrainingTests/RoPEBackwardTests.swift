import Testing
import Tensor
@testable import Training

/// RoPE's backward is the forward's transpose, in both pairings, by finite differences.
struct RoPEBackwardTests {
    // 2 sequences of 3 tokens, 2 heads of 8: positions 0, 1, 2, 0, 1, 2 (offset by firstPosition).
    let rows = 6, heads = 2, headDim = 8
    let r = GradientCheck.random([6, 16], seed: 42)

    func excess(style: RoPEStyle, firstPosition: Int) -> Double {
        let x = GradientCheck.random([rows, heads * headDim], seed: 41)
        let numeric = GradientCheck.numerical(x) {
            let y = GradientCheck.copy(x)
            RoPEBackward.forward(y.data, rows: rows, sequenceLength: 3, firstPosition: firstPosition,
                                 heads: heads, headDim: headDim, theta: 10_000, style: style)
            return GradientCheck.projected(y, onto: r)
        }
        let dx = GradientCheck.copy(r)
        RoPEBackward.backward(dx.data, rows: rows, sequenceLength: 3, firstPosition: firstPosition,
                              heads: heads, headDim: headDim, theta: 10_000, style: style)
        return GradientCheck.worstExcess(analytic: dx.toArray(), numerical: numeric)
    }

    @Test func halvesGradientMatchesFiniteDifferences() {
        #expect(excess(style: .halves, firstPosition: 0) <= 0)
    }

    @Test func interleavedGradientMatchesFiniteDifferencesAtLaterPositions() {
        #expect(excess(style: .interleaved, firstPosition: 100) <= 0)
    }

    @Test func backwardUndoesForward() {
        let x = GradientCheck.random([rows, heads * headDim], seed: 43)
        let y = GradientCheck.copy(x)
        RoPEBackward.forward(y.data, rows: rows, sequenceLength: 3, heads: heads, headDim: headDim, theta: 10_000, style: .halves)
        #expect(abs(y[16 + 1] - x[16 + 1]) > 1e-3)  // row 1 is at position 1, so it did rotate
        RoPEBackward.backward(y.data, rows: rows, sequenceLength: 3, heads: heads, headDim: headDim, theta: 10_000, style: .halves)
        #expect(zip(y.toArray(), x.toArray()).allSatisfy { abs($0 - $1) < 1e-5 })
    }
}
