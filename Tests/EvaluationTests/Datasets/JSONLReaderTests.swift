import Foundation
import Testing
@testable import Evaluation

@Test func readsGzippedHumanEvalShapedProblems() throws {
    let problems = try JSONLReader.read(CodeProblem.self, from: DatasetFixture.url("problems.jsonl.gz"))
    #expect(problems.count == 2)
    #expect(problems[0].taskID == "Sample/0")
    #expect(problems[0].entryPoint == "add")
    #expect(problems[1].prompt.contains("héllo to ü 😀"))
}

@Test func gzippedAndPlainFilesGiveTheSameRecords() throws {
    let gz = try JSONLReader.read(CodeProblem.self, from: DatasetFixture.url("problems.jsonl.gz"))
    let plain = try JSONLReader.read(CodeProblem.self, from: DatasetFixture.url("problems.jsonl"))
    #expect(gz == plain)
}

@Test func readsPromptCompletionPairsSkippingBlankLinesAndExtraFields() throws {
    let pairs = try JSONLReader.read(PromptCompletion.self, from: DatasetFixture.url("pairs.jsonl"))
    #expect(pairs == [
        PromptCompletion(prompt: "Write a Python function to reverse a string.", completion: "def reverse(s):\n    return s[::-1]\n"),
        PromptCompletion(prompt: "Say hi", completion: "hi"),
    ])
}

@Test func badJSONLineNamesFileAndLine() throws {
    let url = DatasetFixture.url("bad_line.jsonl")
    do {
        _ = try JSONLReader.read(PromptCompletion.self, from: url)
        Issue.record("expected an error")
    } catch let error as DatasetError {
        guard case .badLine(let path, let line, _) = error else { Issue.record("wrong error \(error)"); return }
        #expect(path == url.path)
        #expect(line == 3)
        #expect(error.description.hasPrefix("\(url.path):3: not valid JSON"))
    }
}

@Test func missingFieldIsNamed() throws {
    let url = DatasetFixture.url("missing_field.jsonl")
    #expect(throws: DatasetError.badLine(path: url.path, line: 1, reason: "missing field \"completion\"")) {
        try JSONLReader.read(PromptCompletion.self, from: url)
    }
}

@Test func missingFileIsUnreadable() {
    let url = DatasetFixture.url("no_such_file.jsonl")
    #expect {
        try JSONLReader.read(PromptCompletion.self, from: url)
    } throws: { error in
        guard case .unreadable(let path, _) = error as? DatasetError else { return false }
        return path == url.path
    }
}

@Test func corruptGzipIsReportedWithItsPath() {
    let url = DatasetFixture.url("bad_crc.gz")
    #expect(throws: DatasetError.badCompression(path: url.path, reason: "gzip: \(DeflateError.checksumMismatch)")) {
        try JSONLReader.readText(url)
    }
}

@Test func writtenRecordsReadBack() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lce-jsonl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("out.jsonl")
    let problems = try JSONLReader.read(CodeProblem.self, from: DatasetFixture.url("problems.jsonl"))
    try JSONLWriter.write(problems, to: url)
    #expect(try JSONLReader.read(CodeProblem.self, from: url) == problems)
    #expect(try String(contentsOf: url, encoding: .utf8).hasPrefix("{\"canonical_solution\":"))
}

@Test func crlfLinesAndLineSeparatorsInsideStringsAreHandled() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lce-jsonl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("crlf.jsonl")
    let text = "\u{FEFF}{\"prompt\": \"a\u{2028}b\", \"completion\": \"c\"}\r\n\r\n{\"prompt\": \"d\", \"completion\": \"e\"}\r\n"
    try Data(text.utf8).write(to: url)
    let pairs = try JSONLReader.read(PromptCompletion.self, from: url)
    #expect(pairs == [PromptCompletion(prompt: "a\u{2028}b", completion: "c"), PromptCompletion(prompt: "d", completion: "e")])
}

@Test func lineNumbersCountBlankLines() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lce-jsonl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("gap.jsonl")
    try Data("{\"prompt\": \"a\", \"completion\": \"b\"}\n\n\n[1, 2]\n".utf8).write(to: url)
    #expect {
        try JSONLReader.read(PromptCompletion.self, from: url)
    } throws: { error in
        guard case .badLine(_, let line, _) = error as? DatasetError else { return false }
        return line == 4
    }
}
