import Foundation
import Models
import Tensor
import Testing
@testable import CLI

@Test func generateParsesEverySamplingOption() throws {
    let command = try GenerateCommand.parse([
        "--model", "m.gguf", "--max-tokens", "5", "--temperature", "0.5", "--top-k", "40", "--top-p", "0.9",
        "--seed", "7", "--stop", "\n\n", "--stop", "END", "--threads", "2", "--variant", "q4", "hello",
    ])
    #expect(command.model == "m.gguf")
    #expect(command.maxTokens == 5)
    #expect(command.temperature == 0.5)
    #expect(command.topK == 40)
    #expect(command.topP == 0.9)
    #expect(command.seed == 7)
    #expect(command.stop == ["\n\n", "END"])
    #expect(command.threads == 2)
    #expect(command.variant == .q4)
    #expect(command.prompt == "hello")
}

@Test func generateDefaultsToGreedyBaseWeights() throws {
    let command = try GenerateCommand.parse(["--model", "m.gguf", "hi"])
    #expect(command.variant == .base)
    #expect(command.temperature == 0)
    #expect(command.maxTokens == 256)
}

@Test func generateVariantsMapToQuantizedLayouts() {
    #expect(GenerateCommand.Variant.base.target == nil)
    #expect(GenerateCommand.Variant.q8.target == .q8_0)
    #expect(GenerateCommand.Variant.q4.target == .q4_K)
}

@Test func generateRejectsTopPOutsideTheUnitInterval() {
    #expect(throws: (any Error).self) { try GenerateCommand.parse(["--model", "m.gguf", "--top-p", "1.5", "hi"]) }
}

@Test func generateRejectsAnUnknownVariant() {
    #expect(throws: (any Error).self) { try GenerateCommand.parse(["--model", "m.gguf", "--variant", "q3", "hi"]) }
}

@Test func generateNamesAMissingModel() throws {
    let command = try GenerateCommand.parse(["--model", "/nonexistent/lce-model.gguf", "hi"])
    let error = try #require(throws: GenerateCommand.Failure.self) { try command.run() }
    #expect(error.description.contains("model not found: /nonexistent/lce-model.gguf"))
}

@Test func generateNamesAnAdapterDirectoryWithoutAnAdapter() throws {
    let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Deploy/models/default").standardizedFileURL.path
    let command = try GenerateCommand.parse(["--model", bundled, "--adapter", "/nonexistent/adapter", "--max-tokens", "1", "def f():"])
    let error = try #require(throws: GenerateCommand.Failure.self) { try command.run() }
    #expect(error.description.contains("--adapter /nonexistent/adapter: no adapter_config.json there"))
}

@Test func generateSummaryGivesEveryFigure() {
    let line = GenerateCommand.summary(promptTokens: 10, prefillRate: 100, decodeRate: 20, newTokens: 5,
                                       finish: "maxTokens", peakBytes: 512 << 20, loadSeconds: 0.25)
    #expect(line == "prompt 10 tokens, prefill 100.0 tokens/s, decode 20.0 tokens/s (5 tokens, maxTokens),"
        + " peak memory 512 MiB, load 0.25 s")
}

@Test(.enabled(if: RealModel.isPresent, "real model absent: run ../shared/tools/get-real-model.sh"))
func generateRejectsAPromptLongerThanTheContext() throws {
    let command = try GenerateCommand.parse(["--model", RealModel.path, "--context", "4", "--max-tokens", "1",
                                             "def reverse_string(s: str) -> str:\n"])
    let error = try #require(throws: GenerateCommand.Failure.self) { try command.run() }
    #expect(error.description.contains("the prompt is 10 tokens, longer than the context of 4 tokens"))
}
