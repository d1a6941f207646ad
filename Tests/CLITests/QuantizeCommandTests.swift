import Foundation
import Tensor
import Testing
@testable import CLI

@Test func quantizeFormatsMapToGGUFLayouts() {
    #expect(QuantizeCommand.Format.q8.target == .q8_0)
    #expect(QuantizeCommand.Format.q4.target == .q4_K)
}

@Test func quantizeRequiresAFormatAndAnOutput() {
    #expect(throws: (any Error).self) { try QuantizeCommand.parse(["--model", "m.gguf", "--output", "o.gguf"]) }
    #expect(throws: (any Error).self) { try QuantizeCommand.parse(["--model", "m.gguf", "--format", "q8"]) }
}

@Test func quantizeNamesAMissingModel() throws {
    let command = try QuantizeCommand.parse(["--model", "/nonexistent/lce-model.gguf", "--format", "q4",
                                             "--output", "/tmp/lce-never-written.gguf"])
    let error = try #require(throws: QuantizeCommand.Failure.self) { try command.run() }
    #expect(error.description.contains("model not found: /nonexistent/lce-model.gguf"))
}

@Test func quantizeRefusesToOverwriteItsSource() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("lce-quantize-source-\(UUID()).gguf").path
    try Data("not read".utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let command = try QuantizeCommand.parse(["--model", path, "--format", "q8", "--output", path])
    let error = try #require(throws: QuantizeCommand.Failure.self) { try command.run() }
    #expect(error.description.contains("is the source model"))
}

@Test func quantizeSizesAModelDirectoryByItsWeightFiles() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lce-quantize-dir-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data(count: 100).write(to: directory.appendingPathComponent("model-00001-of-00002.safetensors"))
    try Data(count: 50).write(to: directory.appendingPathComponent("model-00002-of-00002.safetensors"))
    try Data(count: 7).write(to: directory.appendingPathComponent("config.json"))
    #expect(QuantizeCommand.size(of: directory.path, isDirectory: true) == 150)
}
