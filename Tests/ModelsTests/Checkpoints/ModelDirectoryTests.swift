import Foundation
import Testing
import Tensor
import Models

struct ModelDirectoryTests {
    @Test func findsTensorsAcrossShards() throws {
        let model = try ModelDirectory(path: CheckpointFixtures.path("sharded_model"))
        #expect(model.shards.count == 2)
        #expect(model.tensorNames == ["lm_head.weight", "model.embed_tokens.weight",
                                      "model.layers.0.input_layernorm.weight", "model.layers.1.input_layernorm.weight"])
        #expect(try model.floats(named: "model.layers.0.input_layernorm.weight") == CheckpointFixtures.ramp(4))
        #expect(try model.floats(named: "model.layers.1.input_layernorm.weight") == CheckpointFixtures.ramp(4))
        #expect(try model.shard(for: "lm_head.weight").path.hasSuffix("model-00002-of-00002.safetensors"))
        let embedding = try model.matrix(named: "model.embed_tokens.weight")
        #expect(embedding.rows == 2 && embedding.cols == 4 && embedding.dtype == .f32)
    }

    @Test func readsTheModelTypeAndDecodesTheConfig() throws {
        struct Config: Decodable { let hidden_size: Int; let num_hidden_layers: Int }
        let model = try ModelDirectory(path: CheckpointFixtures.path("sharded_model"))
        #expect(model.modelType == "qwen2")
        let config = try model.decodeConfig(Config.self)
        #expect(config.hidden_size == 4 && config.num_hidden_layers == 2)
    }

    @Test func opensASingleFileModel() throws {
        let model = try ModelDirectory(path: CheckpointFixtures.path("single_model"))
        #expect(model.modelType == "llama")
        #expect(model.tensorNames == ["embed.weight", "norm.weight"])
        #expect(try model.floats(named: "embed.weight") == CheckpointFixtures.ramp(8))
        #expect(model.fileIfPresent("config.json") != nil)
        #expect(model.fileIfPresent("tokenizer.json") == nil)
    }

    @Test func missingTensorNamesTheDirectory() throws {
        let path = CheckpointFixtures.path("single_model")
        let model = try ModelDirectory(path: path)
        let error = try #require(CheckpointFixtures.error { _ = try model.matrix(named: "lm_head.weight") })
        #expect(error.kind == .missingTensor)
        #expect(error.tensor == "lm_head.weight")
        #expect(error.file == path)
    }

    @Test func directoryWithoutWeightsIsUnreadable() throws {
        let directory = try CheckpointFixtures.temporaryDirectory()
        try Data("{}".utf8).write(to: directory.appendingPathComponent("config.json"))
        let error = try #require(CheckpointFixtures.error { _ = try ModelDirectory(path: directory.path) })
        #expect(error.kind == .unreadable)
        #expect(error.detail.contains("model.safetensors"))
    }

    @Test func missingConfigIsUnreadable() throws {
        let directory = try CheckpointFixtures.temporaryDirectory()
        let error = try #require(CheckpointFixtures.error { _ = try ModelDirectory(path: directory.path) })
        #expect(error.kind == .unreadable)
        #expect(error.file.hasSuffix("config.json"))
    }

    @Test func indexNamingAShardOutsideTheDirectoryIsRefused() throws {
        let directory = try CheckpointFixtures.temporaryDirectory()
        try Data("{}".utf8).write(to: directory.appendingPathComponent("config.json"))
        try Data(#"{"weight_map":{"w":"../../etc/passwd"}}"#.utf8)
            .write(to: directory.appendingPathComponent("model.safetensors.index.json"))
        let error = try #require(CheckpointFixtures.error { _ = try ModelDirectory(path: directory.path) })
        #expect(error.kind == .invalidName)
        #expect(error.tensor == "w")
    }

    @Test func indexPlacingATensorInTheWrongShardIsRefused() throws {
        let directory = try CheckpointFixtures.temporaryDirectory()
        try Data("{}".utf8).write(to: directory.appendingPathComponent("config.json"))
        var writer = SafetensorsWriter()
        try writer.add("present", floats: [1], shape: [1])
        try writer.write(to: directory.appendingPathComponent("a.safetensors").path)
        try Data(#"{"weight_map":{"present":"a.safetensors","ghost":"a.safetensors"}}"#.utf8)
            .write(to: directory.appendingPathComponent("model.safetensors.index.json"))
        let error = try #require(CheckpointFixtures.error { _ = try ModelDirectory(path: directory.path) })
        #expect(error.kind == .missingTensor)
        #expect(error.tensor == "ghost")
        #expect(error.file.hasSuffix("model.safetensors.index.json"))
    }
}
