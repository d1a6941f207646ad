import Foundation
import Models
import Tensor

/// Writes a base model with an adapter folded in as one Hugging Face checkpoint directory.
public enum AdapterMerge {
    /// Reads the model at `modelPath`, adds scaling · B · A to every targeted weight (in the
    /// weight's stored dtype: F32, F16 or BF16, and its stored orientation) and writes
    /// `model.safetensors` plus every other file of the model directory (config.json,
    /// tokenizer files) into `outputDirectory`. Returns the merged tensors' names.
    ///
    /// Untouched tensors are copied byte for byte from the mapped input without a Float32 detour.
    @discardableResult
    public static func mergeModel(at modelPath: String, adapter: LoRAAdapter, into outputDirectory: String) throws -> [String] {
        let directory = try ModelDirectory(path: modelPath)
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        var merged: [String: String] = [:]  // stored tensor name -> module path
        for module in adapter.modules {
            guard let name = LoRAModelLayout.storedWeightName(of: module.path, family: adapter.layout.family, in: directory) else {
                throw TrainingError.invalidAdapter("\(modelPath): the adapter targets \(module.path), which this model has no weight for")
            }
            merged[name] = module.path
        }
        var writer = SafetensorsWriter(metadata: ["format": "pt"])
        for name in directory.tensorNames {
            let info = try directory.tensor(named: name)
            guard let modulePath = merged[name], let module = adapter.layout.module(atPath: modulePath) else {
                if info.elementCount == 0, let dtype = info.dtype {
                    try writer.add(name, dtype: dtype, shape: info.shape, bytes: [])
                } else {
                    try writer.add(name, matrix: try directory.matrix(named: name), shape: info.shape)
                }
                continue
            }
            let expected = module.isConv1D ? [module.inFeatures, module.outFeatures] : [module.outFeatures, module.inFeatures]
            guard info.shape == expected, let dtype = info.dtype, [.f32, .f16, .bf16].contains(dtype) else {
                throw TrainingError.invalidAdapter("\(modelPath): \(name) is \(info.dtypeName) \(info.shape); merging needs F32, F16 or BF16 \(expected)")
            }
            var values = try directory.floats(named: name)
            try values.withUnsafeMutableBufferPointer {
                try adapter.merge(modulePath: modulePath, into: $0.baseAddress!, storedInOut: module.isConv1D)
            }
            try writer.add(name, floats: values, shape: info.shape, as: dtype)
        }
        try writer.write(to: URL(fileURLWithPath: outputDirectory).appendingPathComponent("model.safetensors").path)
        let skipped: Set<String> = ["model.safetensors", "model.safetensors.index.json"]
        for file in try fileManager.contentsOfDirectory(atPath: modelPath).sorted()
            where !skipped.contains(file) && !file.hasSuffix(".safetensors") {
            let source = URL(fileURLWithPath: modelPath).appendingPathComponent(file)
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let target = URL(fileURLWithPath: outputDirectory).appendingPathComponent(file)
            if fileManager.fileExists(atPath: target.path) { try fileManager.removeItem(at: target) }
            try fileManager.copyItem(at: source, to: target)
        }
        return merged.keys.sorted()
    }
}
