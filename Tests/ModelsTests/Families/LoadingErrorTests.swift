import Foundation
import Testing
import Models

/// A checkpoint that disagrees with its configuration gives an error naming the file and the tensor.
struct LoadingErrorTests {
    /// Copies a fixture directory to a temporary place with config.json edited by `edit`.
    func fixtureCopy(_ name: String, edit: (inout [String: Any]) -> Void) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lce-models-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let source = ReferenceLogits.fixtures.appendingPathComponent(name)
        try FileManager.default.copyItem(at: source.appendingPathComponent("model.safetensors"),
                                         to: dir.appendingPathComponent("model.safetensors"))
        let data = try Data(contentsOf: source.appendingPathComponent("config.json"))
        var config = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        edit(&config)
        try JSONSerialization.data(withJSONObject: config).write(to: dir.appendingPathComponent("config.json"))
        return dir.path
    }

    @Test func configurationWiderThanTheWeightsNamesTheMismatchedTensor() throws {
        let path = try fixtureCopy("llama") { $0["intermediate_size"] = 256 }
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ModelError.shapeMismatch(source: path, name: "model.layers.0.mlp.gate_proj.weight",
                                                 expected: [256, 64], found: [128, 64])) {
            try ModelLoader.load(path: path)
        }
    }

    @Test func extraLayerInTheConfigurationNamesTheMissingTensor() throws {
        let path = try fixtureCopy("opt") { $0["num_hidden_layers"] = 3 }
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ModelError.missingTensor(source: path, name: "model.decoder.layers.2.self_attn_layer_norm.weight")) {
            try ModelLoader.load(path: path)
        }
    }

    @Test func headsThatDoNotDivideIntoKeyValueGroupsAreRejected() throws {
        let path = try fixtureCopy("qwen2") { $0["num_key_value_heads"] = 3 }
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ModelError.invalidConfiguration(source: path, field: "num_key_value_heads",
                                                        problem: "(3) must divide num_attention_heads (4)")) {
            try ModelLoader.load(path: path)
        }
    }

    @Test func unknownModelTypeIsUnsupported() throws {
        let path = try fixtureCopy("gpt2") { $0["model_type"] = "mamba" }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: ModelError.self) { try ModelLoader.load(path: path) }
        #expect(error.description.contains("model_type \"mamba\""))
    }

    @Test func ropeScalingIsRejectedRatherThanIgnored() throws {
        let path = try fixtureCopy("llama") { $0["rope_scaling"] = ["rope_type": "llama3", "factor": 8.0] }
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ModelError.unsupported(source: path, feature: "rope_scaling of type llama3")) {
            try ModelLoader.load(path: path)
        }
    }
}
