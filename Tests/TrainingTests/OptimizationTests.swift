import Foundation
import Testing
import Tensor
@testable import Training

/// AdamW, the learning-rate schedules, clipping and accumulation against hand-computed values
/// and a numpy replay of torch.optim.AdamW (Fixtures/make_adamw_fixture.py).
struct OptimizationTests {
    struct Reference: Decodable {
        struct Step: Decodable { let lr: Double; let params: [Float] }
        let initial: [Float]
        let grads: [[Float]]
        let base_lr, beta1, beta2, eps, weight_decay: Double
        let warmup, total: Int
        let steps: [Step]
    }

    func parameter(_ values: [Float]) throws -> TrainableParameter {
        try TrainableParameter(name: "w", value: Tensor(shape: [values.count], values: values),
                               gradient: Tensor(shape: [values.count]))
    }

    @Test func firstAdamWStepMovesEachWeightByTheRateAgainstItsGradientSignAfterDecay() throws {
        let p = try parameter([1, -2, 0.5])
        p.gradient[0] = 3; p.gradient[1] = -0.25; p.gradient[2] = 0
        let optimizer = AdamW(parameters: [p], options: .init(learningRate: 0.1, weightDecay: 0.5))
        optimizer.step()
        // Step 1: m̂ = g, v̂ = g², so the update is lr · g / (|g| + ε) after θ *= 1 - lr·λ = 0.95.
        #expect(abs(p.value[0] - (0.95 - 0.1)) < 1e-6)
        #expect(abs(p.value[1] - (-1.9 + 0.1)) < 1e-6)
        #expect(abs(p.value[2] - 0.475) < 1e-7)
    }

    @Test func adamWFollowsTorchsUpdateOverSixScheduledSteps() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/adamw_reference.json")
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        let p = try parameter(reference.initial)
        let optimizer = AdamW(parameters: [p], options: .init(learningRate: reference.base_lr, beta1: reference.beta1,
                                                              beta2: reference.beta2, epsilon: reference.eps,
                                                              weightDecay: reference.weight_decay))
        let schedule = LearningRateSchedule(decay: .cosine, warmupSteps: reference.warmup, totalSteps: reference.total)
        for (t, expected) in reference.steps.enumerated() {
            let lr = schedule.learningRate(base: reference.base_lr, atStep: t)
            #expect(abs(lr - expected.lr) < 1e-15)
            for i in 0..<p.gradient.count { p.gradient[i] = reference.grads[t][i] }
            optimizer.step(learningRate: lr)
            #expect(zip(p.value.toArray(), expected.params).allSatisfy { abs($0 - $1) <= 2e-7 * max(1, abs($1)) })
        }
        #expect(optimizer.stepCount == 6)
    }

    @Test func cosineScheduleWarmsUpThenFollowsHalfACosineToZero() {
        let s = LearningRateSchedule(decay: .cosine, warmupSteps: 10, totalSteps: 110)
        #expect(s.multiplier(atStep: 0) == 0)
        #expect(s.multiplier(atStep: 5) == 0.5)
        #expect(s.multiplier(atStep: 10) == 1)
        #expect(abs(s.multiplier(atStep: 60) - 0.5) < 1e-12)
        #expect(abs(s.multiplier(atStep: 35) - 0.5 * (1 + cos(Double.pi / 4))) < 1e-12)
        #expect(s.multiplier(atStep: 110) == 0)
        #expect(s.multiplier(atStep: 200) == 0)
    }

    @Test func linearScheduleWarmsUpThenFallsToZero() {
        let s = LearningRateSchedule(decay: .linear, warmupSteps: 4, totalSteps: 104)
        #expect(s.multiplier(atStep: 1) == 0.25)
        #expect(s.multiplier(atStep: 4) == 1)
        #expect(s.multiplier(atStep: 54) == 0.5)
        #expect(s.multiplier(atStep: 104) == 0)
    }

    @Test func constantScheduleStaysAtOneAfterWarmup() {
        let s = LearningRateSchedule(decay: .constant, warmupSteps: 2, totalSteps: 10)
        #expect(s.multiplier(atStep: 1) == 0.5)
        #expect(s.multiplier(atStep: 9) == 1)
    }

    @Test func clippingScalesAllGradientsToTheMaximumGlobalNorm() throws {
        let a = try parameter([0, 0]), b = try parameter([0])
        a.gradient[0] = 3; a.gradient[1] = 4; b.gradient[0] = 12
        let norm = GradientClipping.clipByGlobalNorm([a, b], maxNorm: 6.5)
        #expect(norm == 13)
        let factor: Float = 6.5 / (13 + 1e-6)
        #expect(abs(a.gradient[0] - 3 * factor) < 1e-6 && abs(b.gradient[0] - 12 * factor) < 1e-6)
        #expect(abs(GradientClipping.globalNorm([a, b]) - 6.5) < 1e-5)
    }

    @Test func clippingLeavesSmallGradientsAlone() throws {
        let a = try parameter([0, 0])
        a.gradient[0] = 0.3; a.gradient[1] = 0.4
        #expect(abs(GradientClipping.clipByGlobalNorm([a], maxNorm: 1) - 0.5) < 1e-7)
        #expect(a.gradient.toArray() == [0.3, 0.4])
    }

    @Test func accumulationStepsEveryNMicroBatchesAndAtTheEpochEnd() throws {
        let accumulation = try GradientAccumulation(microBatchesPerStep: 4)
        #expect(accumulation.lossScale == 0.25)
        let ends = (0..<10).filter { accumulation.endsStep(microBatch: $0, ofEpoch: 10) }
        #expect(ends == [3, 7, 9])
        #expect(accumulation.optimizerSteps(forMicroBatches: 10) == 3)
    }

    @Test func accumulationOfZeroMicroBatchesIsAnError() {
        #expect(throws: TrainingError.self) { try GradientAccumulation(microBatchesPerStep: 0) }
    }
}
