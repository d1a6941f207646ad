import Foundation
import Models
import Tensor

/// Saving and restoring a run mid-way, so that a resumed run continues exactly as an
/// uninterrupted one would: trained values, AdamW moments and step count, the position in the
/// batches, and every adapter's dropout stream.
extension FineTuner {
    /// The JSON part of a checkpoint.
    struct State: Codable {
        var optimizerSteps: Int
        var microBatchesDone: Int
        /// Module path -> the adapter's dropout generator state, as hexadecimal words.
        var dropoutStreams: [String: [String]]
    }

    /// Writes `trainer_state.json` and `optimizer.safetensors` (per parameter: value, exp_avg, exp_avg_sq) into `directory`.
    public func saveCheckpoint(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var writer = SafetensorsWriter(metadata: ["format": "lce-finetune"])
        for (index, parameter) in optimizer.parameters.enumerated() {
            try writer.add(parameter.name + ".value", floats: parameter.value.toArray(), shape: parameter.value.shape)
            try writer.add(parameter.name + ".exp_avg", floats: optimizer.firstMoments[index].toArray(), shape: parameter.value.shape)
            try writer.add(parameter.name + ".exp_avg_sq", floats: optimizer.secondMoments[index].toArray(), shape: parameter.value.shape)
        }
        try writer.write(to: directory + "/optimizer.safetensors")
        var streams: [String: [String]] = [:]
        for (path, lora) in adapters() {
            streams[path] = lora.dropoutRandom.state.map { String($0, radix: 16) }
        }
        let state = State(optimizerSteps: optimizer.stepCount, microBatchesDone: microBatchesDone, dropoutStreams: streams)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(state).write(to: URL(fileURLWithPath: directory + "/trainer_state.json"))
    }

    /// Restores a checkpoint written by `saveCheckpoint` for the same model, options and batches.
    public func restoreCheckpoint(from directory: String) throws {
        let statePath = directory + "/trainer_state.json"
        guard let data = FileManager.default.contents(atPath: statePath) else {
            throw TrainingError.invalidData("\(statePath): cannot read the checkpoint's state")
        }
        let state: State
        do { state = try JSONDecoder().decode(State.self, from: data) } catch {
            throw TrainingError.invalidData("\(statePath): \(error)")
        }
        let file = try SafetensorsFile(path: directory + "/optimizer.safetensors")
        for (index, parameter) in optimizer.parameters.enumerated() {
            for (suffix, target) in [(".value", parameter.value), (".exp_avg", optimizer.firstMoments[index]),
                                     (".exp_avg_sq", optimizer.secondMoments[index])] {
                let values = try file.floats(named: parameter.name + suffix)
                guard values.count == target.count else {
                    throw TrainingError.invalidData("\(file.path): \(parameter.name + suffix) has \(values.count) values, the run needs \(target.count)")
                }
                values.withUnsafeBufferPointer { target.data.update(from: $0.baseAddress!, count: values.count) }
            }
        }
        for (path, lora) in adapters() {
            guard let words = state.dropoutStreams[path], words.count == 4 else {
                throw TrainingError.invalidData("\(statePath): no dropout stream for \(path)")
            }
            let parsed = words.compactMap { UInt64($0, radix: 16) }
            guard parsed.count == 4 else { throw TrainingError.invalidData("\(statePath): the dropout stream of \(path) is not four hex words") }
            lora.dropoutRandom.state = parsed
        }
        optimizer.restore(stepCount: state.optimizerSteps)
        restore(microBatchesDone: state.microBatchesDone)
    }

    /// Every attached adapter by module path.
    private func adapters() -> [(String, LoRALinear)] {
        var result: [(String, LoRALinear)] = []
        for (l, layer) in model.layers.enumerated() {
            for (name, projection) in layer.namedProjections(family: model.family) {
                if let lora = projection.lora { result.append((model.modulePrefix(layer: l) + name, lora)) }
            }
        }
        return result
    }
}
