import Foundation
import Messaging
import Testing

/// docs/messages.md is what users copy from, so every example in it must decode as its contract.
struct MessagesDocumentTests {
    private static func jsonExamples() throws -> [String] {
        let document = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/messages.md")
        let text = try String(contentsOf: document, encoding: .utf8)
        var examples: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```json" { current = [] }
            else if current != nil, line == "```" { examples.append(current!.joined(separator: "\n")); current = nil }
            else if current != nil { current!.append(line) }
        }
        return examples
    }

    @Test func everyJSONExampleDecodesAsItsContract() throws {
        let examples = try Self.jsonExamples()
        #expect(examples.count >= 13)
        for example in examples {
            #expect(throws: Never.self, "\(example.prefix(80))") { _ = try KnownContracts.decode(Data(example.utf8)) }
        }
    }

    @Test func everyContractHasAnExample() throws {
        let schemas = try Set(Self.jsonExamples().map { try ContractCoder.schema(of: Data($0.utf8)) })
        #expect(schemas == Set(KnownContracts.all.map { $0.schemaID }))
    }
}
