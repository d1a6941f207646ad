import Foundation
import Tensor

/// A Hugging Face model directory: `config.json` plus `model.safetensors`, or shards listed by
/// `model.safetensors.index.json`, with tensors looked up by name across the shards.
public final class ModelDirectory: @unchecked Sendable {
    /// The directory's path.
    public let path: String
    /// The raw bytes of `config.json`, for the model family to decode into its own configuration.
    public let configData: Data
    /// The `model_type` field of `config.json` ("gpt2", "opt", "llama", "qwen2"), when present.
    public let modelType: String?
    /// The safetensors files in the directory, in shard-name order.
    public let shards: [SafetensorsFile]
    private let location: [String: Int]

    /// Opens the directory at `path`, mapping every shard and checking the index against them.
    public init(path: String) throws {
        self.path = path
        let directory = URL(fileURLWithPath: path, isDirectory: true)
        let configPath = directory.appendingPathComponent("config.json").path
        do {
            configData = try Data(contentsOf: URL(fileURLWithPath: configPath))
        } catch {
            throw CheckpointError(.unreadable, file: configPath, "cannot read the model's config.json: \(error.localizedDescription)")
        }
        guard case .success(let config) = CheckpointJSON.parse(configData), let fields = config.object else {
            throw CheckpointError(.malformedHeader, file: configPath, "config.json is not a JSON object")
        }
        modelType = fields["model_type"]?.string

        let single = directory.appendingPathComponent("model.safetensors").path
        let indexPath = directory.appendingPathComponent("model.safetensors.index.json").path
        let manager = FileManager.default
        if manager.fileExists(atPath: indexPath) {
            let (files, weightMap) = try Self.readIndex(at: indexPath)
            var shards: [SafetensorsFile] = []
            var shardPosition: [String: Int] = [:]
            for name in files {
                shardPosition[name] = shards.count
                shards.append(try SafetensorsFile(path: directory.appendingPathComponent(name).path))
            }
            var location: [String: Int] = [:]
            for (tensor, shardName) in weightMap {
                guard let position = shardPosition[shardName] else { continue }
                guard shards[position].contains(tensor) else {
                    throw CheckpointError(.missingTensor, file: indexPath, tensor: tensor,
                                          "the index places it in \(shardName), which does not contain it")
                }
                location[tensor] = position
            }
            self.shards = shards
            self.location = location
        } else if manager.fileExists(atPath: single) {
            let file = try SafetensorsFile(path: single)
            shards = [file]
            location = Dictionary(file.tensors.map { ($0.name, 0) }, uniquingKeysWith: { first, _ in first })
        } else {
            throw CheckpointError(.unreadable, file: path,
                                  "no model.safetensors or model.safetensors.index.json in the directory")
        }
    }

    /// Every tensor name, sorted.
    public var tensorNames: [String] { location.keys.sorted() }

    /// True when some shard holds a tensor called `name`.
    public func contains(_ name: String) -> Bool { location[name] != nil }

    /// The shard holding `name`, or a `.missingTensor` error naming the directory.
    public func shard(for name: String) throws -> SafetensorsFile {
        guard let position = location[name] else {
            throw CheckpointError(.missingTensor, file: path, tensor: name, "no shard of this model holds the tensor")
        }
        return shards[position]
    }

    /// The header entry for `name`.
    public func tensor(named name: String) throws -> SafetensorsTensor {
        try shard(for: name).tensor(named: name)
    }

    /// The tensor as a weight matrix over its shard's mapped bytes.
    public func matrix(named name: String) throws -> WeightMatrix {
        try shard(for: name).matrix(named: name)
    }

    /// The tensor's elements as Float32.
    public func floats(named name: String) throws -> [Float] {
        try shard(for: name).floats(named: name)
    }

    /// Decodes `config.json` into a model family's configuration type, naming the file on failure.
    public func decodeConfig<Configuration: Decodable>(_ type: Configuration.Type) throws -> Configuration {
        do {
            return try JSONDecoder().decode(type, from: configData)
        } catch {
            throw CheckpointError(.malformedHeader, file: path + "/config.json", "cannot decode as \(type): \(error)")
        }
    }

    /// The path of another file in the directory (such as `tokenizer.json`) when it exists.
    public func fileIfPresent(_ name: String) -> String? {
        let candidate = URL(fileURLWithPath: path, isDirectory: true).appendingPathComponent(name).path
        return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
    }

    /// Reads the index's weight_map, refusing shard names that would leave the directory.
    private static func readIndex(at indexPath: String) throws -> (files: [String], weightMap: [String: String]) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: indexPath))
        } catch {
            throw CheckpointError(.unreadable, file: indexPath, "cannot read: \(error.localizedDescription)")
        }
        guard case .success(let json) = CheckpointJSON.parse(data), let fields = json.object else {
            throw CheckpointError(.malformedHeader, file: indexPath, "not a JSON object")
        }
        guard let map = fields["weight_map"]?.object else {
            throw CheckpointError(.malformedHeader, file: indexPath, "no \"weight_map\" object")
        }
        var weightMap: [String: String] = [:]
        for (tensor, value) in map {
            guard let shardName = value.string else {
                throw CheckpointError(.malformedHeader, file: indexPath, tensor: tensor,
                                      "weight_map value is \(value.typeName), not a file name")
            }
            guard !shardName.isEmpty, !shardName.contains("/"), !shardName.contains("\\"),
                  shardName != ".", shardName != ".." else {
                throw CheckpointError(.invalidName, file: indexPath, tensor: tensor,
                                      "shard name \"\(shardName)\" is not a plain file name in the model directory")
            }
            weightMap[tensor] = shardName
        }
        return (Set(weightMap.values).sorted(), weightMap)
    }
}
