import Testing
@testable import Evaluation

/// Hostile input ends in a flagged tree, never a crash.
struct PythonParserRobustnessTests {
    @Test func deeplyNestedBracketsAreRejectedWithoutExhaustingTheStack() {
        let code = "x = " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000) + "\n"
        let result = PythonParser.parse(code)
        #expect(!result.parsedCleanly)
        #expect(result.problems.contains { $0.message.contains("nesting deeper") })
    }

    @Test func longChainsOfPrefixOperatorsAreRejectedWithoutExhaustingTheStack() {
        let result = PythonParser.parse("x = " + String(repeating: "not ", count: 5000) + "y\n")
        #expect(!result.parsedCleanly)
    }

    @Test func unterminatedStringIsAProblemOnItsLine() {
        let result = PythonParser.parse("a = 1\nb = 'open\nc = 2\n")
        #expect(result.problems.first?.line == 2)
        #expect(result.tree.children.first?.type == "expression_statement")
    }

    @Test func scoringHostileCodeStillGivesNGramParts() throws {
        let hostile = String(repeating: "([{", count: 3000) + "\u{0}\\ é 𝔘 '''"
        let score = try CodeBLEU.score(references: ["def f():\n    return 1\n"], candidates: [hostile])
        #expect(score.unparsableCandidates == [0])
        #expect(score.ngramMatch == 0)
    }
}
