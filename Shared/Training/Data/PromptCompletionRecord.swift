import Foundation

/// One training record: a prompt the model is given and the completion it should learn to write.
public struct PromptCompletionRecord: Sendable, Equatable {
    /// Text the loss does not score.
    public var prompt: String
    /// Text the loss scores.
    public var completion: String

    /// A record from its two texts.
    public init(prompt: String, completion: String) {
        self.prompt = prompt
        self.completion = completion
    }

    /// Reads a JSONL file of `{"prompt", "completion"}` records, or HumanEval-shaped ones whose
    /// completion is `canonical_solution`; blank lines are skipped, other keys ignored.
    /// A line that is not such a record is an error naming the file and the line.
    public static func readJSONL(path: String) throws -> [PromptCompletionRecord] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrainingError.invalidData("\(path): cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TrainingError.invalidData("\(path): not UTF-8 text")
        }
        var records: [PromptCompletionRecord] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            records.append(try parse(line: trimmed, location: "\(path):\(lineNumber)"))
        }
        return records
    }

    /// One JSONL line; `location` ("file:line") prefixes errors.
    static func parse(line: String, location: String) throws -> PromptCompletionRecord {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) else {
            throw TrainingError.invalidData("\(location): not valid JSON")
        }
        guard let fields = object as? [String: Any] else {
            throw TrainingError.invalidData("\(location): a record must be a JSON object with \"prompt\" and \"completion\"")
        }
        guard let promptValue = fields["prompt"] else {
            throw TrainingError.invalidData("\(location): missing \"prompt\"")
        }
        guard let prompt = promptValue as? String else {
            throw TrainingError.invalidData("\(location): \"prompt\" must be a string")
        }
        let key = fields["completion"] != nil ? "completion" : "canonical_solution"
        guard let completionValue = fields[key] else {
            throw TrainingError.invalidData("\(location): missing \"completion\" (or HumanEval's \"canonical_solution\")")
        }
        guard let completion = completionValue as? String else {
            throw TrainingError.invalidData("\(location): \"\(key)\" must be a string")
        }
        return PromptCompletionRecord(prompt: prompt, completion: completion)
    }
}
