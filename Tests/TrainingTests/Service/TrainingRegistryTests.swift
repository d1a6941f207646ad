import Foundation
import Testing
@testable import Training

/// The registry paths and records that make the trainer service idempotent and resumable.
struct TrainingRegistryTests {
    @Test func aFinishedJobsRecordIsFoundByItsID() throws {
        let registry = TrainingRegistry(home: try Fixture.scratchDirectory())
        let id = UUID()
        #expect(registry.completionRecord(of: id) == nil)
        try registry.recordCompletion(of: id, record: Data("{\"done\":1}".utf8))
        #expect(registry.completionRecord(of: id) == Data("{\"done\":1}".utf8))
        #expect(registry.completionRecord(of: UUID()) == nil)
    }

    @Test func theLatestCompleteCheckpointIsTheOneToResumeFrom() throws {
        let registry = TrainingRegistry(home: try Fixture.scratchDirectory())
        let id = UUID()
        #expect(registry.latestCheckpoint(of: id) == nil)
        for (step, complete) in [(5, true), (20, true), (25, false), (10, true)] {
            let directory = registry.stagingDirectory(id) + "/checkpoint-\(step)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if complete { try Data("{}".utf8).write(to: URL(fileURLWithPath: directory + "/trainer_state.json")) }
        }
        #expect(registry.latestCheckpoint(of: id) == registry.stagingDirectory(id) + "/checkpoint-20")
    }

    @Test func installingReplacesTheAdapterAndDropsTheCheckpoints() throws {
        let registry = TrainingRegistry(home: try Fixture.scratchDirectory())
        let id = UUID()
        let staging = registry.stagingDirectory(id)
        try FileManager.default.createDirectory(atPath: staging + "/checkpoint-3", withIntermediateDirectories: true)
        try Data("new".utf8).write(to: URL(fileURLWithPath: staging + "/adapter_model.safetensors"))
        let destination = registry.adapterDirectory("code")
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: URL(fileURLWithPath: destination + "/stale.bin"))
        try registry.install(jobID: id, into: destination)
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination) == ["adapter_model.safetensors"])
        #expect(FileManager.default.contents(atPath: destination + "/adapter_model.safetensors") == Data("new".utf8))
        #expect(!FileManager.default.fileExists(atPath: staging))
    }

    @Test func modelAndDatasetNamesResolveInsideTheRegistry() throws {
        let home = try Fixture.scratchDirectory()
        let registry = TrainingRegistry(home: home)
        try FileManager.default.createDirectory(atPath: home + "/models/tiny", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: home + "/datasets", withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: home + "/datasets/train.jsonl"))
        #expect(try registry.resolveModel("tiny") == home + "/models/tiny")
        #expect(try registry.resolveDataset("train.jsonl") == home + "/datasets/train.jsonl")
        #expect(try registry.resolveDataset(home + "/datasets/train.jsonl") == home + "/datasets/train.jsonl")
        let missing = #expect(throws: TrainingError.self) { try registry.resolveModel("nope") }
        #expect(missing?.description.contains("'nope' is not in the registry") == true)
        #expect(throws: TrainingError.self) { try registry.resolveDataset("../../etc/passwd") }
    }
}
