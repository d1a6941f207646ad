import Testing
import Tensor
@testable import Training

/// LoRA as PEFT defines it, on a base weight [6, 8] (out 6, in 8) with r = 4.
struct LoRALinearTests {
    let n = 3
    let baseValues = GradientCheck.random([6, 8], seed: 71).toArray()
    let biasTensor = GradientCheck.random([6], seed: 72)
    let x = GradientCheck.random([3, 8], seed: 73)
    let r = GradientCheck.random([3, 6], seed: 74)

    func layer(dropout: Float = 0, trainedB: Bool = false) throws -> LoRALinear {
        var random = TrainingRandom(seed: 5)
        let base = try WeightMatrix.fromFloat32(baseValues, rows: 6, cols: 8)
        let lora = try LoRALinear(base: base, bias: biasTensor, rank: 4, alpha: 8, dropout: dropout, random: &random)
        if trainedB { for i in 0..<lora.b.count { lora.b.data[i] = random.nextFloat(in: -1, 1) } }
        return lora
    }

    func run(_ lora: LoRALinear, training: Bool = true) -> Tensor {
        let y = Tensor(shape: [n, 6])
        lora.dropoutRandom = TrainingRandom(seed: 99)  // the same mask on every call
        lora.forward(x.data, rows: n, into: y.data, saving: LoRAActivations(for: lora, capacity: n), training: training)
        return y
    }

    @Test func scalingIsAlphaOverRankOrOverItsRootWithRSLoRA() {
        #expect(LoRALinear.scaling(rank: 4, alpha: 16, useRSLoRA: false) == 4)
        #expect(LoRALinear.scaling(rank: 4, alpha: 16, useRSLoRA: true) == 8)
    }

    @Test func freshAdapterHasKaimingUniformAAndZeroB() throws {
        let lora = try layer()
        let bound = 1 / Float(8).squareRoot()
        let a = lora.a.toArray()
        #expect(a.allSatisfy { abs($0) <= bound })
        #expect(a.map { abs($0) }.max()! > 0.7 * bound)
        #expect(lora.b.toArray().allSatisfy { $0 == 0 })
    }

    @Test func untrainedAdapterChangesNothing() throws {
        let y = run(try layer(dropout: 0.2))
        let base = Tensor(shape: [n, 6])
        LinearBackward.forward(x.data, rows: n, inFeatures: 8, outFeatures: 6,
                               weight: baseValues, bias: biasTensor.data, into: base.data)
        #expect(zip(y.toArray(), base.toArray()).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func adapterAddsScaledBTimesA() throws {
        let lora = try layer(trainedB: true)
        let y = run(lora)
        // Row 1, output 2: base + bias + (8/4) · Σ_j B[2, j] · (A x)[j]
        var expected = biasTensor[2]
        for c in 0..<8 { expected += baseValues[2 * 8 + c] * x[8 + c] }
        for j in 0..<4 {
            var ax: Float = 0
            for c in 0..<8 { ax += lora.a[j * 8 + c] * x[8 + c] }
            expected += 2 * lora.b[2 * 4 + j] * ax
        }
        #expect(abs(y[6 + 2] - expected) < 1e-5)
    }

    @Test func dropoutZeroesAboutPOfTheInputsAndScalesTheRest() throws {
        let lora = try LoRALinear(base: try WeightMatrix.fromFloat32([Float](repeating: 0, count: 6 * 8), rows: 6, cols: 8),
                                  a: Tensor(shape: [4, 8]), b: Tensor(shape: [6, 4]), scaling: 1, dropout: 0.25, dropoutSeed: 3)
        let rows = 100
        let input = Tensor(shape: [rows, 8]); input.fill(1)
        let saved = LoRAActivations(for: lora, capacity: rows)
        let y = Tensor(shape: [rows, 6])
        lora.forward(input.data, rows: rows, into: y.data, saving: saved, training: true)
        let kept = saved.dropped.toArray()
        let zeros = kept.filter { $0 == 0 }.count
        #expect(zeros > 150 && zeros < 250)  // 800 draws, expected 200
        #expect(kept.allSatisfy { $0 == 0 || abs($0 - 1 / 0.75) < 1e-6 })
    }

    @Test func dropoutIsOffOutsideTraining() throws {
        let lora = try layer(dropout: 0.5, trainedB: true)
        let saved = LoRAActivations(for: lora, capacity: n)
        let y = Tensor(shape: [n, 6])
        lora.forward(x.data, rows: n, into: y.data, saving: saved, training: false)
        #expect(saved.dropped.toArray() == x.toArray())
    }

    func gradients(_ lora: LoRALinear) -> Tensor {
        let saved = LoRAActivations(for: lora, capacity: n)
        let y = Tensor(shape: [n, 6])
        lora.dropoutRandom = TrainingRandom(seed: 99)
        lora.forward(x.data, rows: n, into: y.data, saving: saved, training: true)
        let dx = Tensor(shape: [n, 8])
        lora.backward(r.data, saved: saved, dx: dx.data)
        return dx
    }

    @Test func gradientsOfAAndBMatchFiniteDifferencesWithDropout() throws {
        let lora = try layer(dropout: 0.3, trainedB: true)
        let numericA = GradientCheck.numerical(lora.a) { GradientCheck.projected(run(lora), onto: r) }
        let numericB = GradientCheck.numerical(lora.b) { GradientCheck.projected(run(lora), onto: r) }
        _ = gradients(lora)
        #expect(GradientCheck.worstExcess(analytic: lora.gradA.toArray(), numerical: numericA) <= 0)
        #expect(GradientCheck.worstExcess(analytic: lora.gradB.toArray(), numerical: numericB) <= 0)
    }

    @Test func inputGradientMatchesFiniteDifferencesWithDropout() throws {
        let lora = try layer(dropout: 0.3, trainedB: true)
        let numeric = GradientCheck.numerical(x) { GradientCheck.projected(run(lora), onto: r) }
        #expect(GradientCheck.worstExcess(analytic: gradients(lora).toArray(), numerical: numeric) <= 0)
    }

    /// More rows than the backward's 32-row blocks (two whole blocks and a remainder), with dropout.
    @Test func gradientsOverManyRowsMatchFiniteDifferences() throws {
        let rows = 70
        let lora = try layer(dropout: 0.3, trainedB: true)
        let input = GradientCheck.random([rows, 8], seed: 75)
        let projection = GradientCheck.random([rows, 6], seed: 76)
        func output() -> Tensor {
            let y = Tensor(shape: [rows, 6])
            lora.dropoutRandom = TrainingRandom(seed: 99)
            lora.forward(input.data, rows: rows, into: y.data, saving: LoRAActivations(for: lora, capacity: rows), training: true)
            return y
        }
        let numericA = GradientCheck.numerical(lora.a) { GradientCheck.projected(output(), onto: projection) }
        let numericB = GradientCheck.numerical(lora.b) { GradientCheck.projected(output(), onto: projection) }
        let numericX = GradientCheck.numerical(input) { GradientCheck.projected(output(), onto: projection) }
        let saved = LoRAActivations(for: lora, capacity: rows)
        let y = Tensor(shape: [rows, 6])
        lora.dropoutRandom = TrainingRandom(seed: 99)
        lora.forward(input.data, rows: rows, into: y.data, saving: saved, training: true)
        let dx = Tensor(shape: [rows, 8])
        lora.backward(projection.data, saved: saved, dx: dx.data)
        #expect(GradientCheck.worstExcess(analytic: lora.gradA.toArray(), numerical: numericA) <= 0)
        #expect(GradientCheck.worstExcess(analytic: lora.gradB.toArray(), numerical: numericB) <= 0)
        #expect(GradientCheck.worstExcess(analytic: dx.toArray(), numerical: numericX) <= 0)
    }

    @Test func mismatchedAdapterShapesAreAnError() throws {
        let base = try WeightMatrix.fromFloat32(baseValues, rows: 6, cols: 8)
        #expect(throws: TrainingError.self) {
            try LoRALinear(base: base, a: Tensor(shape: [4, 6]), b: Tensor(shape: [6, 4]), scaling: 1)
        }
    }
}
