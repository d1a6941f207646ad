import Foundation
import Models
import Tensor

/// A LoRA adapter for one model: its PEFT configuration, the modules it wraps and their A and B.
///
/// On disk it is PEFT's layout: `adapter_config.json` and `adapter_model.safetensors`, whose
/// keys are "base_model.model." + module path + ".lora_A.weight" / ".lora_B.weight" with
/// lora_A [r, in] and lora_B [out, r], so adapters move both ways between this engine and PEFT.
public final class LoRAAdapter: @unchecked Sendable {
    /// The weights file name PEFT uses.
    public static let weightsFileName = "adapter_model.safetensors"

    /// The configuration (rank, alpha, dropout, targets).
    public let config: AdapterConfig
    /// The model's module layout.
    public let layout: LoRAModelLayout
    /// The targeted modules, in model order.
    public let modules: [LoRAModelLayout.Module]
    /// Each targeted module's A and B, by module path.
    public let weights: [String: LoRAWeights]

    /// The safetensors key of a module's A or B as PEFT saves it.
    public static func key(modulePath: String, matrix: String) -> String {
        "base_model.model.\(modulePath).lora_\(matrix).weight"
    }

    /// A fresh adapter initialised as PEFT does (A Kaiming-uniform, B zero), modules in order
    /// drawing from `random`.
    public convenience init(config: AdapterConfig, layout: LoRAModelLayout, random: inout TrainingRandom) throws {
        let modules = try config.targetModules.resolve(in: layout, source: AdapterConfig.fileName)
        var weights: [String: LoRAWeights] = [:]
        for module in modules {
            let a = Tensor(shape: [config.r, module.inFeatures])
            let bound = 1 / Float(module.inFeatures).squareRoot()
            for i in 0..<a.count { a.data[i] = random.nextFloat(in: -bound, bound) }
            weights[module.path] = LoRAWeights(a: a, b: Tensor(shape: [module.outFeatures, config.r]))
        }
        try self.init(config: config, layout: layout, weights: weights)
    }

    /// An adapter from existing weights, checking that every targeted module has A and B of the right shapes.
    public init(config: AdapterConfig, layout: LoRAModelLayout, weights: [String: LoRAWeights],
                source: String = LoRAAdapter.weightsFileName) throws {
        let modules = try config.targetModules.resolve(in: layout, source: AdapterConfig.fileName)
        for module in modules {
            guard let pair = weights[module.path] else {
                throw TrainingError.invalidAdapter(
                    "\(source): \(Self.key(modulePath: module.path, matrix: "A")) is missing (target_modules selects \(module.path))")
            }
            try Self.check(pair.a.shape, expected: [config.r, module.inFeatures], key: Self.key(modulePath: module.path, matrix: "A"),
                           role: "lora_A is [r, in]", source: source)
            try Self.check(pair.b.shape, expected: [module.outFeatures, config.r], key: Self.key(modulePath: module.path, matrix: "B"),
                           role: "lora_B is [out, r]", source: source)
        }
        let targeted = Set(modules.map(\.path))
        if let extra = weights.keys.sorted().first(where: { !targeted.contains($0) }) {
            throw TrainingError.invalidAdapter("\(source): weights for \(extra), which target_modules does not select")
        }
        self.config = config
        self.layout = layout
        self.modules = modules
        self.weights = weights
    }

    /// Reads a PEFT adapter directory for a model of `layout`.
    public static func read(directory: String, layout: LoRAModelLayout) throws -> LoRAAdapter {
        let config = try AdapterConfig.read(directory: directory)
        let path = URL(fileURLWithPath: directory).appendingPathComponent(weightsFileName).path
        let file: SafetensorsFile
        do {
            file = try SafetensorsFile(path: path)
        } catch {
            throw TrainingError.invalidAdapter("\(path): \(error)")
        }
        var a: [String: Tensor] = [:], b: [String: Tensor] = [:]
        for tensor in file.tensors {
            let name = tensor.name
            let prefix = "base_model.model."
            let matrix: String
            if name.hasSuffix(".lora_A.weight") { matrix = "A" } else if name.hasSuffix(".lora_B.weight") { matrix = "B" } else {
                throw TrainingError.invalidAdapter("\(path): \(name) is not a lora_A or lora_B weight of a plain LoRA adapter")
            }
            guard name.hasPrefix(prefix) else {
                throw TrainingError.invalidAdapter("\(path): \(name) does not start with \(prefix) as PEFT's keys do")
            }
            let modulePath = String(name.dropFirst(prefix.count).dropLast(".lora_A.weight".count))
            guard layout.module(atPath: modulePath) != nil else {
                throw TrainingError.invalidAdapter("\(path): \(name) is for \(modulePath), which \(layout.displayName) does not have")
            }
            guard tensor.shape.count == 2 else {
                throw TrainingError.invalidAdapter("\(path): \(name) has shape \(tensor.shape), not a matrix")
            }
            let values: [Float]
            do { values = try file.floats(named: name) } catch { throw TrainingError.invalidAdapter("\(path): \(error)") }
            let t = try Tensor(shape: tensor.shape, values: values)
            if matrix == "A" { a[modulePath] = t } else { b[modulePath] = t }
        }
        var weights: [String: LoRAWeights] = [:]
        for (modulePath, matrixA) in a {
            guard let matrixB = b[modulePath] else {
                throw TrainingError.invalidAdapter("\(path): \(key(modulePath: modulePath, matrix: "B")) is missing")
            }
            weights[modulePath] = LoRAWeights(a: matrixA, b: matrixB)
        }
        if let orphan = b.keys.sorted().first(where: { a[$0] == nil }) {
            throw TrainingError.invalidAdapter("\(path): \(key(modulePath: orphan, matrix: "A")) is missing")
        }
        return try LoRAAdapter(config: config, layout: layout, weights: weights, source: path)
    }

    /// Writes `adapter_config.json` and `adapter_model.safetensors` (F32, metadata format "pt"
    /// as PEFT writes it) into `directory`, creating it when needed.
    public func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let url = URL(fileURLWithPath: directory)
        var writer = SafetensorsWriter(metadata: ["format": "pt"])
        for module in modules {
            guard let pair = weights[module.path] else { continue }
            try writer.add(Self.key(modulePath: module.path, matrix: "A"), floats: pair.a.toArray(), shape: pair.a.shape)
            try writer.add(Self.key(modulePath: module.path, matrix: "B"), floats: pair.b.toArray(), shape: pair.b.shape)
        }
        try writer.write(to: url.appendingPathComponent(Self.weightsFileName).path)
        try config.jsonData().write(to: url.appendingPathComponent(AdapterConfig.fileName))
    }

    private static func check(_ shape: [Int], expected: [Int], key: String, role: String, source: String) throws {
        guard shape == expected else {
            throw TrainingError.invalidAdapter("\(source): \(key) has shape \(shape), expected \(expected) (\(role))")
        }
    }
}
