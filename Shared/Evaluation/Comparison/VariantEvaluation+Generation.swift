import Dispatch
import Foundation
import Models
import Tensor
import Training

extension VariantEvaluation {
    /// Builds the variant's model and size on disk; variants that need parts this build lacks throw `variantUnavailable`.
    func build(_ variant: EvaluationVariant) throws -> (model: LoadedModel, sizeBytes: Int64?) {
        switch variant {
        case .base:
            return (try load(modelPath), try? DiskSize.bytes(atPath: modelPath))
        case .merged:
            guard let mergedModelPath else {
                throw ComparisonError.variantUnavailable(variant.description, reason:
                    "no merged model: merge an adapter into the base (lce merge) and name the result (--merged DIR, or merged_model in an eval job)")
            }
            return (try load(mergedModelPath), try? DiskSize.bytes(atPath: mergedModelPath))
        case .q8, .q4:
            let base = try load(modelPath)
            let target: DType = variant == .q8 ? .q8_0 : .q4_K
            let quantized = try ModelQuantizer.quantize(base.model, to: target)
            // Made in-process, so its size is what its weights take as stored, not a file's.
            return (LoadedModel(model: quantized, tokenizer: base.tokenizer, path: base.path), WeightBytes.of(quantized))
        case .lora(let name), .qlora(let name):
            guard let directory = adapterDirectories[name] else {
                throw ComparisonError.variantUnavailable(variant.description, reason:
                    "no adapter named \(name): pass its directory with --adapter DIR")
            }
            var base = try load(modelPath)
            let isQLoRA: Bool
            if case .qlora = variant { isQLoRA = true } else { isQLoRA = false }
            if isQLoRA {
                // QLoRA serves over the 4-bit base it was trained against, the adapter attached as low-rank terms.
                base = LoadedModel(model: try ModelQuantizer.quantize(base.model, to: .q4_K), tokenizer: base.tokenizer,
                                   path: base.path)
            }
            guard FileManager.default.fileExists(atPath: directory + "/" + AdapterConfig.fileName) else {
                throw ComparisonError.variantUnavailable(variant.description, reason:
                    "no adapter at \(directory) (train one with lce train --output \(directory))")
            }
            let adapted: LoadedModel
            do {
                adapted = try base.applyingAdapter(directory: directory, overQuantizedBase: isQLoRA)
            } catch {
                // A broken or mismatched adapter costs its own row, not the other variants' measurements.
                throw ComparisonError.variantUnavailable(variant.description, reason: "adapter \(directory): \(error)")
            }
            // What a deployment stores: the base as held (file, or quantized weights) plus the adapter's files.
            let baseBytes = isQLoRA ? WeightBytes.of(base.model) : (try? DiskSize.bytes(atPath: modelPath))
            let adapterBytes = try? DiskSize.bytes(atPath: directory)
            return (adapted, baseBytes.flatMap { b in adapterBytes.map { b + $0 } })
        }
    }

    /// Loads the variant and generates every task's completion on a thread of its own (generation blocks for
    /// seconds per task, which must not hold one of the concurrency pool's few threads), then measures perplexity.
    func generate(_ variant: EvaluationVariant, progress: @escaping @Sendable (Int) -> Void) async throws -> GeneratedVariant {
        let evaluation = self
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try evaluation.generateBlocking(variant, progress: progress) })
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    func generateBlocking(_ variant: EvaluationVariant, progress: (Int) -> Void) throws -> GeneratedVariant {
        PeakMemory.reset()
        let loadStart = DispatchTime.now().uptimeNanoseconds
        let (model, sizeBytes) = try build(variant)
        let loadTimeMs = Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e6
        let generator = Generator(model: model.model, contextCapacity: contextTokens)
        let options = settings.generationOptions(stopTokenIDs: model.stopTokenIDs)

        // Every task's draws in turn, each from a seed of its own: the same settings draw the same completions.
        var completions: [String] = [], timings: [RequestTiming] = []
        for (index, problem) in dataset.problems.enumerated() {
            for draw in 0..<settings.samplesPerTask {
                var drawOptions = options
                drawOptions.seed = options.seed &+ UInt64(draw)
                let (result, timing) = try TimedGeneration.run(model, prompt: problem.prompt, options: drawOptions, generator: generator)
                completions.append(result.text)
                timings.append(timing)
            }
            progress(index + 1)
        }
        var perplexity: Perplexity?
        if settings.perplexity {
            // The reference solution given its prompt, tokenized as generation sees them: prompt ids, then the completion's.
            let pairs = dataset.problems.map { (prompt: model.promptTokens($0.prompt), completion: model.tokenizer.encode($0.canonicalSolution)) }
            perplexity = try Perplexity.measure(completions: pairs, session: generator.session)
            progress(dataset.problems.count + 1)
        }
        return GeneratedVariant(completions: completions, timings: timings, perplexity: perplexity,
                                peakRSSBytes: PeakMemory.peakResidentBytes(), loadTimeMs: loadTimeMs, sizeBytes: sizeBytes)
    }
}
