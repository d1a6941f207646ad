import Testing
import Tensor
@testable import Training

/// The frozen-base input gradient for quantized weights (QLoRA), decoded a panel at a time.
struct QLoRATests {
    // [40, 64]: 40 rows so that panels of 16 rows leave a partial last panel.
    let values = GradientCheck.random([40, 64], seed: 81).toArray()
    let dy = GradientCheck.random([3, 40], seed: 82)

    @Test(arguments: [DType.f32, .f16, .q8_0, .q4_0, .q4_K])
    func inputGradientEqualsDyTimesTheDecodedWeight(dtype: DType) throws {
        let cols = dtype == .q4_K ? 256 : 64
        let data = cols == 64 ? values : GradientCheck.random([40, 256], seed: 83).toArray()
        let matrix = try WeightMatrix.quantize(data, rows: 40, cols: cols, to: dtype)
        let dx = Tensor(shape: [3, cols])
        dx.fill(1)  // accumulates on top of what is there
        matrix.inputGradient(dy.data, batch: 3, accumulatingInto: dx.data, panelRows: 16)
        let w = matrix.toFloat32()
        for b in 0..<3 {
            for c in stride(from: 0, to: cols, by: 7) {
                var expected = 1.0
                for r in 0..<40 { expected += Double(dy[b * 40 + r]) * Double(w[r * cols + c]) }
                #expect(abs(Double(dx[b * cols + c]) - expected) < 1e-4)
            }
        }
    }

    @Test func loraOverA4BitBaseBackpropagatesLikeOverItsDecodedFloatCopy() throws {
        let quantized = try WeightMatrix.quantize(values, rows: 40, cols: 64, to: .q4_0)
        let decoded = try WeightMatrix.fromFloat32(quantized.toFloat32(), rows: 40, cols: 64)
        let x = GradientCheck.random([3, 64], seed: 84)
        func inputGradient(_ base: WeightMatrix) throws -> [Float] {
            var random = TrainingRandom(seed: 1)
            let lora = try LoRALinear(base: base, rank: 2, alpha: 4, random: &random)
            for i in 0..<lora.b.count { lora.b.data[i] = 0.5 }
            let saved = LoRAActivations(for: lora, capacity: 3)
            let y = Tensor(shape: [3, 40])
            lora.forward(x.data, rows: 3, into: y.data, saving: saved, training: true)
            let dx = Tensor(shape: [3, 64])
            lora.backward(dy.data, saved: saved, dx: dx.data)
            return dx.toArray()
        }
        let q = try inputGradient(quantized), f = try inputGradient(decoded)
        #expect(zip(q, f).allSatisfy { abs($0 - $1) < 1e-4 })
    }
}
