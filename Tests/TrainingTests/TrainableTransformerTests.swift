import Testing
import Models
import Tensor
@testable import Training

/// Whole tiny models of each family: every gradient of full fine-tuning and of LoRA/QLoRA
/// against central finite differences of the loss.
///
/// Weights are set uniform in ±0.5 (norm weights 1 ± 0.3) so every path carries signal. Up to
/// 24 evenly spaced elements of every tensor are checked; a tensor passes when
/// ‖analytic − numeric‖ ≤ 2e-2 · ‖numeric‖ + atol over them (step 1e-2 and atol 1e-4: the loss is a
/// Float whose rounding adds about 1e-5 per numeric entry). Under OPT's ReLU a step that moves a
/// pre-activation across 0 has no meaningful difference quotient, so the OPT check uses weights
/// whose every ReLU input is at least 5e-3 from 0, step 1e-3 and atol 1e-3.
struct TrainableTransformerTests {
    static func shape(_ architecture: String, hidden: Int = 8, heads: Int = 2, kvHeads: Int = 2, ffn: Int = 12,
                      vocabulary: Int = 11, layers: Int = 2) -> ModelShape {
        ModelShape(architecture: architecture, vocabularySize: vocabulary, contextLength: 8, hiddenSize: hidden, layerCount: layers,
                   heads: heads, kvHeads: kvHeads, headDim: hidden / heads, ffnWidth: ffn, embeddingWidth: hidden,
                   gatedFFN: architecture != "gpt2" && architecture != "opt")
    }

    static let gpt2 = TransformerArchitecture.gpt2(shape: shape("gpt2"))
    static let opt = TransformerArchitecture.opt(shape: shape("opt"))
    static let qwen2 = TransformerArchitecture.llama(shape: shape("qwen2", heads: 4, kvHeads: 2), rmsNormEps: 1e-6,
                                                     ropeTheta: 10_000, qkvBias: true, tiedOutput: false)

    // Two sequences of 5 tokens; the first two positions of each are prompt (not scored).
    let tokens: [Int32] = [1, 4, 2, 9, 3, 7, 7, 0, 5, 10]
    let targets: [Int32] = [-100, 2, 9, 3, -100, -100, 0, 5, 10, -100]

    func scramble(_ parameters: [TrainableParameter], seed: UInt64) {
        var random = TrainingRandom(seed: seed)
        for p in parameters {
            let isNormWeight = p.value.shape.count == 1 && p.name.hasSuffix(".weight")
            for i in 0..<p.value.count {
                p.value.data[i] = isNormWeight ? 1 + random.nextFloat(in: -0.3, 0.3) : random.nextFloat(in: -0.5, 0.5)
            }
        }
    }

    /// The worst ‖a − n‖ − (2e-2 ‖n‖ + 1e-4) over `parameters` (≤ 0 passes), and the name of that tensor.
    func worst(_ model: TrainableTransformer, _ parameters: [TrainableParameter], step: Float = 1e-2,
               atol: Double = 1e-4) throws -> (Double, String) {
        try Self.compare(model, parameters, step: step, atol: atol) {
            try model.loss(tokens: tokens, targets: targets, activations: $0, training: true)
        }
    }

    /// Runs forward and backward once through `loss`, then checks each parameter's sampled elements.
    static func compare(_ model: TrainableTransformer, _ parameters: [TrainableParameter], step: Float = 1e-2,
                        atol: Double = 1e-4, loss: (TransformerActivations) throws -> (loss: Float, scoredRows: Int)) throws -> (Double, String) {
        let a = TransformerActivations(architecture: model.architecture, sequences: 2, length: 5)
        parameters.zeroGradients()
        _ = try loss(a)
        model.backward(activations: a)
        var worst = (-Double.infinity, "")
        for p in parameters {
            let numeric = try GradientCheck.sampledNumerical(p.value, step: step) { Double(try loss(a).loss) }
            var diff = 0.0, norm = 0.0
            for (x, y) in zip(p.gradient.toArray(), numeric) where !y.isNaN {
                diff += (Double(x) - y) * (Double(x) - y)
                norm += y * y
            }
            let excess = diff.squareRoot() - (2e-2 * norm.squareRoot() + atol)
            if excess > worst.0 { worst = (excess, p.name) }
        }
        return worst
    }

    @Test func gpt2GradientsOfEveryParameterMatchFiniteDifferences() throws {
        let model = try TrainableTransformer.randomlyInitialized(Self.gpt2, seed: 1)
        let parameters = try model.trainableParameters()
        scramble(parameters, seed: 2)
        let (excess, name) = try worst(model, parameters)
        #expect(excess <= 0, "worst tensor: \(name)")
    }

    @Test func optGradientsOfEveryParameterMatchFiniteDifferences() throws {
        let model = try TrainableTransformer.randomlyInitialized(Self.opt, seed: 3)
        let parameters = try model.trainableParameters()
        var seed: UInt64 = 4
        func nearestKink() throws -> Float {
            let a = TransformerActivations(architecture: Self.opt, sequences: 2, length: 5)
            _ = try model.loss(tokens: tokens, targets: targets, activations: a, training: true)
            return a.ffnPre.flatMap { $0.toArray() }.map { abs($0) }.min() ?? 0
        }
        repeat { scramble(parameters, seed: seed); seed += 1 } while try nearestKink() < 5e-3 && seed < 200
        #expect(try nearestKink() >= 5e-3)
        let (excess, name) = try worst(model, parameters, step: 1e-3, atol: 1e-3)
        #expect(excess <= 0, "worst tensor: \(name)")
    }

    @Test func qwen2GradientsOfEveryParameterMatchFiniteDifferences() throws {
        let model = try TrainableTransformer.randomlyInitialized(Self.qwen2, seed: 5)
        let parameters = try model.trainableParameters()
        scramble(parameters, seed: 6)
        let (excess, name) = try worst(model, parameters)
        #expect(excess <= 0, "worst tensor: \(name)")
    }

    @Test func tiedHeadIsOneParameter() throws {
        let model = try TrainableTransformer.randomlyInitialized(Self.gpt2, seed: 1)
        let names = try model.trainableParameters().map(\.name)
        #expect(names.filter { $0 == "transformer.wte.weight" }.count == 1)
        #expect(names.contains("transformer.h.1.attn.c_attn.weight") && names.contains("transformer.ln_f.bias"))
        #expect(!names.contains { $0.hasPrefix("lm_head") })
    }

    func loraModel(_ architecture: TransformerArchitecture, targets: TargetModules, quantize: DType? = nil) throws
        -> (TrainableTransformer, LoRAAdapter) {
        let full = try TrainableTransformer.randomlyInitialized(architecture, seed: 7)
        scramble(try full.trainableParameters(), seed: 8)
        let model = try full.frozen(quantizingProjectionsTo: quantize)
        var random = TrainingRandom(seed: 9)
        let adapter = try LoRAAdapter(config: AdapterConfig(r: 2, loraAlpha: 4, loraDropout: 0.1, targetModules: targets),
                                      layout: try LoRAModelLayout(shape: architecture.shape), random: &random)
        for (_, pair) in adapter.weights.sorted(by: { $0.key < $1.key }) { for i in 0..<pair.b.count { pair.b.data[i] = random.nextFloat(in: -0.5, 0.5) } }
        try model.attach(adapter, seed: 11)
        return (model, adapter)
    }

    @Test func loraTrainsOnlyTheAdapterAndItsGradientsMatchFiniteDifferences() throws {
        let (model, _) = try loraModel(Self.qwen2, targets: .names(["q_proj", "v_proj", "down_proj"]))
        let parameters = try model.trainableParameters()
        #expect(parameters.count == 2 * 3 * 2)  // A and B, three modules, two layers
        #expect(parameters.allSatisfy { $0.name.contains(".lora_") })
        // Dropout draws a new mask every forward, so the check runs with the adapters' streams reset each time.
        let (excess, name) = try worstResettingDropout(model, parameters)
        #expect(excess <= 0, "worst tensor: \(name)")
    }

    @Test func gpt2LoRAOnFusedCAttnGradientsMatchFiniteDifferences() throws {
        let (model, _) = try loraModel(Self.gpt2, targets: .names(["c_attn"]))
        let parameters = try model.trainableParameters()
        #expect(parameters.map(\.name).first == "transformer.h.0.attn.c_attn.lora_A.weight")
        let (excess, name) = try worstResettingDropout(model, parameters)
        #expect(excess <= 0, "worst tensor: \(name)")
    }

    @Test func qloraOverA4BitBaseGradientsMatchFiniteDifferences() throws {
        let architecture = TransformerArchitecture.llama(shape: Self.shape("llama", hidden: 32, heads: 4, kvHeads: 2, ffn: 64, layers: 1),
                                                         rmsNormEps: 1e-6, ropeTheta: 10_000, qkvBias: false, tiedOutput: true)
        let (model, _) = try loraModel(architecture, targets: .allLinear, quantize: .q4_0)
        #expect(model.layers[0].query?.weight.dtype == .q4_0)
        let (excess, name) = try worstResettingDropout(model, try model.trainableParameters())
        #expect(excess <= 0, "worst tensor: \(name)")
    }

    /// Like `worst`, re-seeding every adapter's dropout stream before each loss so all
    /// evaluations see the same masks.
    func worstResettingDropout(_ model: TrainableTransformer, _ parameters: [TrainableParameter]) throws -> (Double, String) {
        let projections = model.layers.flatMap { $0.namedProjections(family: model.family).map(\.1) }
        let resetting = ResettingModel(model: model, projections: projections)
        return try Self.compare(model, parameters) { try resetting.loss(tokens, targets, $0) }
    }

    struct ResettingModel {
        let model: TrainableTransformer
        let projections: [TrainableProjection]
        func loss(_ tokens: [Int32], _ targets: [Int32], _ a: TransformerActivations) throws -> (loss: Float, scoredRows: Int) {
            for (i, p) in projections.enumerated() { p.lora?.dropoutRandom = TrainingRandom(seed: UInt64(100 + i)) }
            return try model.loss(tokens: tokens, targets: targets, activations: a, training: true)
        }
    }

    @Test func untrainedAdapterLeavesTheLossUnchanged() throws {
        let full = try TrainableTransformer.randomlyInitialized(Self.opt, seed: 7)
        scramble(try full.trainableParameters(), seed: 8)
        let a = TransformerActivations(architecture: Self.opt, sequences: 2, length: 5)
        let base = try full.loss(tokens: tokens, targets: targets, activations: a, training: false).loss
        let model = try full.frozen()
        var random = TrainingRandom(seed: 9)
        let adapter = try LoRAAdapter(config: AdapterConfig(r: 4, loraAlpha: 8, targetModules: .allLinear),
                                      layout: try LoRAModelLayout(shape: Self.opt.shape), random: &random)
        try model.attach(adapter)
        #expect(try model.loss(tokens: tokens, targets: targets, activations: a, training: false).loss == base)
    }

    @Test func adamWStepsLowerTheLossOfAFullModel() throws {
        let model = try TrainableTransformer.randomlyInitialized(Self.qwen2, seed: 12, standardDeviation: 0.1)
        let parameters = try model.trainableParameters()
        let optimizer = AdamW(parameters: parameters, options: .init(learningRate: 1e-2, weightDecay: 0))
        let a = TransformerActivations(architecture: Self.qwen2, sequences: 2, length: 5)
        let first = try model.loss(tokens: tokens, targets: targets, activations: a, training: true).loss
        var last = first
        for _ in 0..<30 {
            parameters.zeroGradients()
            last = try model.loss(tokens: tokens, targets: targets, activations: a, training: true).loss
            model.backward(activations: a)
            optimizer.step()
        }
        #expect(last < 0.5 * first)
    }
}
