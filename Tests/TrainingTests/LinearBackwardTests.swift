import Testing
import Tensor
@testable import Training

/// Finite-difference checks of LinearBackward on x [3, 5], W [4, 5], b [4].
struct LinearBackwardTests {
    let n = 3, inF = 5, outF = 4
    let x = GradientCheck.random([3, 5], seed: 1)
    let w = GradientCheck.random([4, 5], seed: 2)
    let b = GradientCheck.random([4], seed: 3)
    let r = GradientCheck.random([3, 4], seed: 4)

    func loss() -> Double {
        let y = Tensor(shape: [n, outF])
        LinearBackward.forward(x.data, rows: n, inFeatures: inF, outFeatures: outF, weight: w.data, bias: b.data, into: y.data)
        return GradientCheck.projected(y, onto: r)
    }

    func analytic() -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let dx = Tensor(shape: [n, inF]), dw = Tensor(shape: [outF, inF]), db = Tensor(shape: [outF])
        LinearBackward.backward(r.data, x: x.data, rows: n, inFeatures: inF, outFeatures: outF, weight: w.data,
                                dx: dx.data, dWeight: dw.data, dBias: db.data)
        return (dx, dw, db)
    }

    @Test func forwardComputesXTimesWTransposedPlusBias() {
        let y = Tensor(shape: [n, outF])
        LinearBackward.forward(x.data, rows: n, inFeatures: inF, outFeatures: outF, weight: w.data, bias: b.data, into: y.data)
        var expected: Float = b[1]
        for c in 0..<inF { expected += x[2 * inF + c] * w[1 * inF + c] }
        #expect(abs(y[2 * outF + 1] - expected) < 1e-5)
    }

    @Test func inputGradientMatchesFiniteDifferences() {
        let numeric = GradientCheck.numerical(x) { loss() }
        #expect(GradientCheck.worstExcess(analytic: analytic().dx.toArray(), numerical: numeric) <= 0)
    }

    @Test func weightGradientMatchesFiniteDifferences() {
        let numeric = GradientCheck.numerical(w) { loss() }
        #expect(GradientCheck.worstExcess(analytic: analytic().dw.toArray(), numerical: numeric) <= 0)
    }

    @Test func biasGradientMatchesFiniteDifferences() {
        let numeric = GradientCheck.numerical(b) { loss() }
        #expect(GradientCheck.worstExcess(analytic: analytic().db.toArray(), numerical: numeric) <= 0)
    }

    @Test func backwardAccumulatesIntoExistingGradients() {
        let once = analytic().dw.toArray()
        let dw = Tensor(shape: [outF, inF])
        for _ in 0..<2 {
            LinearBackward.backward(r.data, x: x.data, rows: n, inFeatures: inF, outFeatures: outF, weight: w.data,
                                    dx: nil, dWeight: dw.data, dBias: nil)
        }
        #expect(zip(dw.toArray(), once).allSatisfy { abs($0 - 2 * $1) < 1e-5 })
    }
}
