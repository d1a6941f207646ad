import Foundation
import Testing
@testable import Evaluation

private let problems = [
    CodeProblem(taskID: "t/0", prompt: "def double(x):\n", canonicalSolution: "    return 2 * x\n",
                test: "def check(candidate):\n    assert candidate(3) == 6\n", entryPoint: "double"),
    CodeProblem(taskID: "t/1", prompt: "def neg(x):\n", canonicalSolution: "    return -x\n",
                test: "def check(candidate):\n    assert candidate(3) == -3\n", entryPoint: "neg"),
]

@Suite(.serialized, .enabled(if: SharedSandbox.isAvailable, "python3 not found on PATH"))
struct PassAtKEvaluatorTests {
    @Test func passAtKCountsPassingSamplesPerTask() async throws {
        let evaluator = PassAtKEvaluator(sandbox: try #require(SharedSandbox.sandbox))
        let samples = [
            CompletionSample(taskID: "t/0", completion: "    return 2 * x\n"),
            CompletionSample(taskID: "t/0", completion: "    return x\n"),
            CompletionSample(taskID: "t/1", completion: "    return x\n"),
            CompletionSample(taskID: "t/1", completion: "    return x\n"),
        ]
        let report = try await evaluator.evaluate(problems: problems, samples: samples, ks: [1, 2, 10])
        #expect(report.passAtK[1] == 0.25)
        #expect(report.passAtK[2] == 0.5)
        #expect(report.passAtK[10] == nil)
        #expect(report.samples.map(\.passed) == [true, false, false, false])
        #expect(report.samples[1].result.hasPrefix("failed: AssertionError"))
        #expect(report.outcomeCounts[.failed] == 3)
        #expect(report.description == "pass@1 = 0.2500  pass@2 = 0.5000\n4 samples: passed 1, failed 3")
    }

    @Test func unknownTaskIsNamed() async throws {
        let evaluator = PassAtKEvaluator(sandbox: try #require(SharedSandbox.sandbox))
        await #expect(throws: PassAtKError.unknownTask("t/9", sampleIndex: 0)) {
            try await evaluator.evaluate(problems: problems, samples: [CompletionSample(taskID: "t/9", completion: "")])
        }
    }

    @Test func resultsFileIsWrittenBesideTheSamples() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lce-passk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let problemsFile = directory.appendingPathComponent("problems.jsonl")
        let samplesFile = directory.appendingPathComponent("samples.jsonl")
        try JSONLWriter.write(problems, to: problemsFile)
        try JSONLWriter.write([CompletionSample(taskID: "t/1", completion: "    return -x\n")], to: samplesFile)
        let evaluator = PassAtKEvaluator(sandbox: try #require(SharedSandbox.sandbox))
        let (report, resultsFile) = try await evaluator.evaluate(problemsFile: problemsFile, samplesFile: samplesFile, ks: [1])
        #expect(report.passAtK[1] == 1)
        #expect(resultsFile.lastPathComponent == "samples.jsonl_results.jsonl")
        let lines = try JSONLReader.read(SampleResult.self, from: resultsFile)
        #expect(lines.map(\.result) == ["passed"])
    }
}
