import BenchmarkKit
import Foundation
import Models
import Tensor
import Training

/// One method measured in a child process: open the base, attach the adapter, train `warmup` then
/// `steps` optimizer steps on one fixed synthetic batch with an sgemm pass after each timed step
/// (so both see the same machine load), read the peak resident memory less the sgemm operands,
/// then write the adapter.
struct MethodRun {
    /// LoRA, QLoRA or full.
    let method: TrainingMethod
    /// The Float32 Hugging Face checkpoint.
    let directory: String
    /// The GGUF file the checkpoint was made from, QLoRA's 4-bit base (nil for a Hugging Face model).
    let gguf: String?
    /// The LoRA configuration (unused by full fine-tuning).
    let rank: Int, alpha: Double, dropout: Double, targetModules: [String]
    /// The batch: sequences × length tokens.
    let sequences: Int, length: Int
    /// Untimed steps, then timed ones.
    let warmup: Int, steps: Int
    /// Seconds of sgemm after each timed step.
    let sgemmSeconds: Double

    /// Runs the method and returns its figures.
    func run() throws -> MethodFigures {
        var started = Clock.seconds()
        let base = try TrainingBase.open(method, directory: directory, gguf: gguf)
        let model = base.model
        let shape = model.architecture.shape
        guard length <= shape.contextLength else {
            throw TrainingBase.Failure(description: "--sequence-length \(length) exceeds the model's \(shape.contextLength) positions")
        }
        var adapter: LoRAAdapter?
        if method != .full {
            let config = AdapterConfig(r: rank, loraAlpha: alpha, loraDropout: dropout, targetModules: .names(targetModules),
                                       fanInFanOut: base.layout.fanInFanOut, baseModelNameOrPath: directory)
            var random = TrainingRandom(seed: 7)
            let made = try LoRAAdapter(config: config, layout: base.layout, random: &random)
            try model.attach(made, seed: 7)
            adapter = made
        }
        let loadSeconds = Clock.seconds() - started
        let afterLoad = PeakResidentMemory.bytes()

        let sgemm = SGEMMThroughput(shape: shape, m: sequences * length)
        var sgemmRates: [Double] = []
        let batch = try syntheticBatch(vocabulary: shape.vocabularySize)
        let options = FineTuningOptions(optimizer: AdamW.Options(learningRate: 2e-4, weightDecay: 0), decay: .cosine,
                                        maxGradientNorm: 1, epochs: warmup + steps)
        let tuner = try FineTuner(model: model, batches: [batch], options: options)
        var warmupSeconds: [Double] = [], stepSeconds: [Double] = [], losses: [Float] = []
        for index in 0..<(warmup + steps) {
            started = Clock.seconds()
            let step = try tuner.step()
            let seconds = Clock.seconds() - started
            if index < warmup {
                warmupSeconds.append(seconds)
            } else {
                stepSeconds.append(seconds)
                sgemmRates.append(sgemm.pass(minimumSeconds: sgemmSeconds))
            }
            losses.append(step.loss)
        }
        // The operands were resident through every step, so they raised the peak by exactly their size.
        let peak = PeakResidentMemory.bytes() - sgemm.byteCount

        let flops = StepFLOPs(shape: shape, sequences: sequences, length: length)
        let stepFLOPs = adapter.map { adapter in
            flops.lora(rank: adapter.config.r, modules: adapter.modules.map { ($0.inFeatures, $0.outFeatures) })
        } ?? flops.full
        return MethodFigures(method: method.rawValue, base: base.weightSummary, hiddenSize: shape.hiddenSize, layers: shape.layerCount,
                             vocabulary: shape.vocabularySize,
                             trainableParameters: try model.trainableParameters().reduce(0) { $0 + $1.value.count },
                             tokensPerStep: sequences * length, loadSeconds: loadSeconds, warmupSeconds: warmupSeconds,
                             stepSeconds: stepSeconds, firstLoss: losses.first ?? .nan, lastLoss: losses.last ?? .nan,
                             stepFLOPs: stepFLOPs, sgemmGFLOPs: sgemmRates, residentAfterLoadBytes: afterLoad, peakResidentBytes: peak,
                             adapterBytes: try adapter.map(writtenSize))
    }

    /// `sequences` rows of `length` seeded token ids, every position after the first scored: the
    /// same shape PyTorch is given (the values do not change the work).
    func syntheticBatch(vocabulary: Int) throws -> TrainingBatch {
        var random = TrainingRandom(seed: 11)
        let examples = try (0..<sequences).map { _ in
            try TrainingExample(tokens: (0..<length).map { _ in Int32(random.next() % UInt64(vocabulary)) },
                                lossMask: [false] + [Bool](repeating: true, count: length - 1))
        }
        return try TrainingBatch(examples: examples)
    }

    /// Bytes of the adapter's two files, written to a temporary directory and removed.
    func writtenSize(_ adapter: LoRAAdapter) throws -> Int {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lce-bench-training-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try adapter.write(to: directory)
        return try [LoRAAdapter.weightsFileName, AdapterConfig.fileName].reduce(0) { total, name in
            let path = (directory as NSString).appendingPathComponent(name)
            return total + ((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0)
        }
    }
}
