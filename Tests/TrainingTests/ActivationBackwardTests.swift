import Testing
import Tensor
@testable import Training

/// GELU (tanh), ReLU, SiLU and SwiGLU gradients on 40 values in [-3, 3) by finite differences.
struct ActivationBackwardTests {
    let count = 40
    let x = GradientCheck.random([40], seed: 31, scale: 3)
    let up = GradientCheck.random([40], seed: 32, scale: 2)
    let r = GradientCheck.random([40], seed: 33)

    typealias Forward = (UnsafePointer<Float>, Int, UnsafeMutablePointer<Float>) -> Void
    typealias Backward = (UnsafePointer<Float>, UnsafePointer<Float>, Int, UnsafeMutablePointer<Float>) -> Void

    func excess(_ forward: Forward, _ backward: Backward) -> Double {
        let numeric = GradientCheck.numerical(x, step: 1e-3) {
            let y = Tensor(shape: [count])
            forward(x.data, count, y.data)
            return GradientCheck.projected(y, onto: r)
        }
        let dx = Tensor(shape: [count])
        backward(r.data, x.data, count, dx.data)
        return GradientCheck.worstExcess(analytic: dx.toArray(), numerical: numeric)
    }

    @Test func geluTanhGradientMatchesFiniteDifferences() {
        #expect(excess({ GELUBackward.forward($0, count: $1, into: $2) },
                       { GELUBackward.backward($0, x: $1, count: $2, dx: $3) }) <= 0)
    }

    @Test func geluTanhDerivativeAtZeroIsOneHalf() {
        let zero: [Float] = [0], one: [Float] = [1]
        let dx = Tensor(shape: [1])
        GELUBackward.backward(one, x: zero, count: 1, dx: dx.data)
        #expect(abs(dx[0] - 0.5) < 1e-7)
    }

    @Test func reluGradientMatchesFiniteDifferences() {
        // No sample lies within the step of the kink at 0, so the differences are exact there.
        #expect((0..<count).allSatisfy { abs(x[$0]) > 1e-3 })
        #expect(excess({ ReLUBackward.forward($0, count: $1, into: $2) },
                       { ReLUBackward.backward($0, x: $1, count: $2, dx: $3) }) <= 0)
    }

    @Test func siluGradientMatchesFiniteDifferences() {
        #expect(excess({ SiLUBackward.forward($0, count: $1, into: $2) },
                       { SiLUBackward.backward($0, x: $1, count: $2, dx: $3) }) <= 0)
    }

    @Test func swigluGateAndUpGradientsMatchFiniteDifferences() {
        func loss() -> Double {
            let y = Tensor(shape: [count])
            SwiGLUBackward.forward(gate: x.data, up: up.data, count: count, into: y.data)
            return GradientCheck.projected(y, onto: r)
        }
        let dGateNumeric = GradientCheck.numerical(x, step: 1e-3) { loss() }
        let dUpNumeric = GradientCheck.numerical(up, step: 1e-3) { loss() }
        let dGate = Tensor(shape: [count]), dUp = Tensor(shape: [count])
        SwiGLUBackward.backward(r.data, gate: x.data, up: up.data, count: count, dGate: dGate.data, dUp: dUp.data)
        #expect(GradientCheck.worstExcess(analytic: dGate.toArray(), numerical: dGateNumeric) <= 0)
        #expect(GradientCheck.worstExcess(analytic: dUp.toArray(), numerical: dUpNumeric) <= 0)
    }
}
