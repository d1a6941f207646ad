import Foundation
import Testing
@testable import CLI
import Training

@Test func trainWritesTheBundledCodeTaskSplitWhenNoDataIsGiven() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("lce-train-\(UUID().uuidString)/train.jsonl").path
    defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
    try TrainCommand.writeBundledData(to: path)
    let records = try PromptCompletionRecord.readJSONL(path: path)
    // The bundled train split holds at least 500 tasks, each a prompt completed by its solution.
    #expect(records.count >= 500)
    #expect(records.allSatisfy { !$0.prompt.isEmpty && !$0.completion.isEmpty })
    // Written the same way twice: a rerun trains on the same data.
    let first = try Data(contentsOf: URL(fileURLWithPath: path))
    try TrainCommand.writeBundledData(to: path)
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == first)
}

@Test func trainIfMissingLeavesAnExistingAdapterAlone() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lce-adapter-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let config = Data("{\"r\": 8}".utf8)
    _ = FileManager.default.createFile(atPath: directory + "/adapter_config.json", contents: config)
    let command = try TrainCommand.parse(["--model", "/nonexistent/model", "--data", "/nonexistent/data.jsonl",
                                          "--output", directory, "--if-missing"])
    try await command.run()
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["adapter_config.json"])
    #expect(FileManager.default.contents(atPath: directory + "/adapter_config.json") == config)
}

@Test func trainWithoutIfMissingReportsAMissingModel() async throws {
    let command = try TrainCommand.parse(["--model", "/nonexistent/model", "--data", "/nonexistent/data.jsonl",
                                          "--output", "/tmp/lce-never-written"])
    await #expect(throws: (any Error).self) { try await command.run() }
    #expect(!FileManager.default.fileExists(atPath: "/tmp/lce-never-written/adapter_config.json"))
}
