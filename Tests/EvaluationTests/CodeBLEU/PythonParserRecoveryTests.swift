import Testing
@testable import Evaluation

/// How the parser recovers where tree-sitter-python recovers in its own way: a compound header that lacks its
/// `:` (its scanner emits no NEWLINE while recovering, so the body joins the error) and an unterminated string
/// (only the opening quotes are skipped).
struct PythonParserRecoveryTests {
    @Test func bodyOfHeaderMissingItsColonJoinsTheHeadersError() {
        let result = PythonParser.parse("def f(x):\n    if x > 1\n        y = x\n        z = y\n    return x\n")
        #expect(!result.parsedCleanly)
        #expect(result.tree.sExpression == "(module (function_definition name: (identifier) parameters: (parameters (identifier)) body: (block (ERROR (comparison_operator (identifier) (integer)) (identifier) (identifier) (identifier) (identifier)) (return_statement (identifier)))))")
    }

    @Test func swallowedBodyLosesItsAssignmentsToTheDataFlow() {
        let code = "for i in range(3)\n    total = i\n"
        let edges = PythonDataFlowGraph.edges(of: PythonParser.parse(code).tree, code: code)
        // Inside the ERROR nothing is assigned: `i` only flows from its first occurrence to its second.
        #expect(edges.map(\.name) == ["i", "i"])
        #expect(edges.map(\.relation) == ["comesFrom", "comesFrom"])
        #expect(edges[1].parentIndices == [edges[0].index])
    }

    @Test func failedSimpleStatementLeavesTheNextLineAStatement() {
        let result = PythonParser.parse("def f(x):\n    y = x +\n    return y\n")
        #expect(!result.parsedCleanly)
        #expect(result.tree.sExpression == "(module (function_definition name: (identifier) parameters: (parameters (identifier)) body: (block (ERROR (identifier) (identifier)) (return_statement (identifier)))))")
    }

    @Test func lineAtTheHeadersIndentationEndsTheSwallowedBody() {
        let result = PythonParser.parse("while x\n    x -= 1\nprint(x)\n")
        #expect(result.tree.children.map(\.type) == ["ERROR", "expression_statement"])
    }

    @Test func unterminatedDocstringSkipsOnlyItsQuotesAndTheBodyParsesOn() {
        // tree-sitter: an ERROR holding the string_start, then the docstring's words and the body as statements.
        let result = PythonParser.parse("def f(x):\n    \"\"\"Doc\n    more\n    return x.count(1)\n")
        #expect(result.problems.map(\.line) == [2])
        #expect(result.tree.sExpression == "(module (function_definition name: (identifier) parameters: (parameters (identifier)) body: (block (expression_statement (identifier)) (expression_statement (identifier)) (return_statement (call function: (attribute object: (identifier) attribute: (identifier)) arguments: (argument_list (integer)))))))")
    }

    @Test func unterminatedSingleQuotedStringLeavesItsTextAsCode() {
        let result = PythonParser.parse("s = \"abc\nt = 1\n")
        #expect(!result.parsedCleanly)
        #expect(result.tree.sExpression == "(module (expression_statement (assignment left: (identifier) right: (identifier))) (expression_statement (assignment left: (identifier) right: (integer))))")
    }
}
