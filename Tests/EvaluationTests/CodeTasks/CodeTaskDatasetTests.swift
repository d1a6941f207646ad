import Foundation
import Testing
@testable import Evaluation

private let dataset = CodeTaskDataset.generate()

private func instruction(_ problem: CodeProblem) -> String {
    let docstring = problem.prompt.components(separatedBy: "\"\"\"")
    return docstring.count > 1 ? String(docstring[1].split(separator: "\n").first ?? "") : ""
}

@Test func datasetHasAtLeastThirtyFamilies() {
    #expect(CodeTaskDataset.familyNames.count >= 30)
    #expect(Set(CodeTaskDataset.familyNames).count == CodeTaskDataset.familyNames.count)
    let familiesUsed = Set((dataset.train + dataset.eval).map { $0.taskID.split(separator: "/")[1] })
    #expect(familiesUsed.count == CodeTaskDataset.familyNames.count)
}

@Test func splitsHaveTheRequiredSizes() {
    #expect(dataset.train.count >= 500)
    #expect(dataset.eval.count >= 150)
}

@Test func splitsShareNoPromptAndNoInstruction() {
    #expect(Set(dataset.train.map(\.prompt)).isDisjoint(with: dataset.eval.map(\.prompt)))
    let trainInstructions = Set(dataset.train.map(instruction))
    #expect(!trainInstructions.contains(""))
    #expect(trainInstructions.isDisjoint(with: dataset.eval.map(instruction)))
}

@Test func taskIDsAreUnique() {
    let ids = (dataset.train + dataset.eval).map(\.taskID)
    #expect(Set(ids).count == ids.count)
}

@Test func generationIsDeterministicForASeed() {
    #expect(CodeTaskDataset.generate() == dataset)
    #expect(CodeTaskDataset.generate(seed: 7) != dataset)
}

@Test func prototypeReverseStringTaskIsIncluded() throws {
    let task = try #require((dataset.train + dataset.eval).first { $0.prompt.contains("Write a Python function to reverse a string.") })
    #expect(task.taskID.hasPrefix("lce/reverse_string/"))
    #expect(task.canonicalSolution.hasSuffix("[::-1]\n"))
}

@Test func wordingVariesWithinAFamily() {
    let reversePrompts = (dataset.train + dataset.eval).filter { $0.taskID.hasPrefix("lce/reverse_string/") }.map(instruction)
    #expect(Set(reversePrompts).count >= 5)
}

@Test func trainingPairsCompletePromptsWithCanonicalSolutions() throws {
    let pair = try #require(dataset.trainingPairs.first)
    #expect(pair.prompt == dataset.train[0].prompt)
    #expect(pair.completion == dataset.train[0].canonicalSolution)
}

@Test func pythonLiteralsFollowRepr() {
    #expect(PythonLiteral.str("it's").source == "\"it's\"")
    #expect(PythonLiteral.str("a'b\"c\n").source == "'a\\'b\"c\\n'")
    #expect(PythonLiteral.tuple([.int(1)]).source == "(1,)")
    #expect(PythonLiteral.dict([(.int(1), .strs(["x"]))]).source == "{1: ['x']}")
    #expect(PythonLiteral.bool(false).source == "False")
}

@Suite(.serialized, .enabled(if: SharedSandbox.isAvailable, "python3 not found on PATH"))
struct CodeTaskExecutionTests {
    @Test func everyEvalCanonicalSolutionPasses() async throws {
        let sandbox = try #require(SharedSandbox.sandbox)
        let programs = dataset.eval.map { HumanEvalProgram.source(problem: $0, completion: $0.canonicalSolution) }
        let results = await sandbox.runAll(programs: programs)
        for (problem, result) in zip(dataset.eval, results) {
            #expect(result.outcome == .passed, "\(problem.taskID): \(result.stderrTail)")
        }
    }

    @Test func sampledTrainCanonicalSolutionsPass() async throws {
        let sandbox = try #require(SharedSandbox.sandbox)
        let sample = dataset.train.enumerated().filter { $0.offset % 5 == 0 }.map(\.element)
        let results = await sandbox.runAll(programs: sample.map { HumanEvalProgram.source(problem: $0, completion: $0.canonicalSolution) })
        for (problem, result) in zip(sample, results) {
            #expect(result.outcome == .passed, "\(problem.taskID): \(result.stderrTail)")
        }
    }

    @Test func deliberatelyWrongSolutionsFail() async throws {
        let sandbox = try #require(SharedSandbox.sandbox)
        let wrong = "    return None\n"
        let results = await sandbox.runAll(programs: dataset.eval.map { HumanEvalProgram.source(problem: $0, completion: wrong) })
        for (problem, result) in zip(dataset.eval, results) {
            #expect(result.outcome == .failed, "\(problem.taskID) passed with a wrong solution")
        }
    }
}

@Test func everyTaskAssertsSeveralCases() {
    for problem in dataset.train + dataset.eval {
        let asserts = problem.test.components(separatedBy: "\n    assert candidate(").count - 1
        #expect(asserts >= 4, "\(problem.taskID) has \(asserts) assertions")
    }
}

@Test func writtenSplitsReadBackAsHumanEvalRecords() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lce-tasks-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    try dataset.write(to: directory)
    #expect(try JSONLReader.read(CodeProblem.self, from: directory.appendingPathComponent("eval.jsonl")) == dataset.eval)
    #expect(try JSONLReader.read(CodeProblem.self, from: directory.appendingPathComponent("train.jsonl")) == dataset.train)
    #expect(try JSONLReader.read(PromptCompletion.self, from: directory.appendingPathComponent("train_pairs.jsonl")) == dataset.trainingPairs)
}
