import Testing
import Tensor
@testable import Training

/// LayerNorm and RMSNorm gradients on x [3, 8] by finite differences.
struct NormBackwardTests {
    let rows = 3, cols = 8
    let x = GradientCheck.random([3, 8], seed: 21, scale: 2)
    let weight = GradientCheck.random([8], seed: 22)
    let bias = GradientCheck.random([8], seed: 23)
    let r = GradientCheck.random([3, 8], seed: 24)

    func layerNormLoss() -> Double {
        let y = Tensor(shape: [rows, cols]), mean = Tensor(shape: [rows]), rstd = Tensor(shape: [rows])
        LayerNormBackward.forward(x.data, rows: rows, cols: cols, weight: weight.data, bias: bias.data, eps: 1e-5,
                                  into: y.data, mean: mean.data, rstd: rstd.data)
        return GradientCheck.projected(y, onto: r)
    }

    func layerNormGradients() -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let y = Tensor(shape: [rows, cols]), mean = Tensor(shape: [rows]), rstd = Tensor(shape: [rows])
        LayerNormBackward.forward(x.data, rows: rows, cols: cols, weight: weight.data, bias: bias.data, eps: 1e-5,
                                  into: y.data, mean: mean.data, rstd: rstd.data)
        let dx = Tensor(shape: [rows, cols]), dw = Tensor(shape: [cols]), db = Tensor(shape: [cols])
        LayerNormBackward.backward(r.data, x: x.data, rows: rows, cols: cols, weight: weight.data, mean: mean.data,
                                   rstd: rstd.data, dx: dx.data, dWeight: dw.data, dBias: db.data)
        return (dx, dw, db)
    }

    func rmsNormLoss() -> Double {
        let y = Tensor(shape: [rows, cols]), rstd = Tensor(shape: [rows])
        RMSNormBackward.forward(x.data, rows: rows, cols: cols, weight: weight.data, eps: 1e-6, into: y.data, rstd: rstd.data)
        return GradientCheck.projected(y, onto: r)
    }

    func rmsNormGradients() -> (dx: Tensor, dw: Tensor) {
        let y = Tensor(shape: [rows, cols]), rstd = Tensor(shape: [rows])
        RMSNormBackward.forward(x.data, rows: rows, cols: cols, weight: weight.data, eps: 1e-6, into: y.data, rstd: rstd.data)
        let dx = Tensor(shape: [rows, cols]), dw = Tensor(shape: [cols])
        RMSNormBackward.backward(r.data, x: x.data, rows: rows, cols: cols, weight: weight.data, rstd: rstd.data,
                                 dx: dx.data, dWeight: dw.data)
        return (dx, dw)
    }

    @Test func layerNormForwardMatchesTheInferenceKernel() {
        let y = Tensor(shape: [rows, cols]), mean = Tensor(shape: [rows]), rstd = Tensor(shape: [rows])
        LayerNormBackward.forward(x.data, rows: rows, cols: cols, weight: weight.data, bias: bias.data, eps: 1e-5,
                                  into: y.data, mean: mean.data, rstd: rstd.data)
        let reference = Tensor(shape: [cols])
        Kernels.layerNorm(x.row(1), weight: weight.data, bias: bias.data, eps: 1e-5, count: cols, into: reference.data)
        #expect((0..<cols).allSatisfy { abs(y[cols + $0] - reference[$0]) < 1e-5 })
    }

    @Test func layerNormInputGradientMatchesFiniteDifferences() {
        let numeric = GradientCheck.numerical(x) { layerNormLoss() }
        #expect(GradientCheck.worstExcess(analytic: layerNormGradients().dx.toArray(), numerical: numeric) <= 0)
    }

    @Test func layerNormWeightAndBiasGradientsMatchFiniteDifferences() {
        let dw = GradientCheck.numerical(weight) { layerNormLoss() }
        let db = GradientCheck.numerical(bias) { layerNormLoss() }
        let g = layerNormGradients()
        #expect(GradientCheck.worstExcess(analytic: g.dw.toArray(), numerical: dw) <= 0)
        #expect(GradientCheck.worstExcess(analytic: g.db.toArray(), numerical: db) <= 0)
    }

    @Test func rmsNormForwardMatchesTheInferenceKernel() {
        let y = Tensor(shape: [rows, cols]), rstd = Tensor(shape: [rows])
        RMSNormBackward.forward(x.data, rows: rows, cols: cols, weight: weight.data, eps: 1e-6, into: y.data, rstd: rstd.data)
        let reference = Tensor(shape: [cols])
        Kernels.rmsNorm(x.row(2), weight: weight.data, eps: 1e-6, count: cols, into: reference.data)
        #expect((0..<cols).allSatisfy { abs(y[2 * cols + $0] - reference[$0]) < 1e-5 })
    }

    @Test func rmsNormInputGradientMatchesFiniteDifferences() {
        let numeric = GradientCheck.numerical(x) { rmsNormLoss() }
        #expect(GradientCheck.worstExcess(analytic: rmsNormGradients().dx.toArray(), numerical: numeric) <= 0)
    }

    @Test func rmsNormWeightGradientMatchesFiniteDifferences() {
        let numeric = GradientCheck.numerical(weight) { rmsNormLoss() }
        #expect(GradientCheck.worstExcess(analytic: rmsNormGradients().dw.toArray(), numerical: numeric) <= 0)
    }
}
