/// One code text prepared for the syntax and data-flow parts: comments and docstrings removed as
/// codebleu removes them, parsed, and its normalised data flow extracted.
struct CodeBLEUAnalyzedCode {
    /// The parse tree (recovered where the code has errors).
    var tree: PythonSyntaxNode
    /// The normalised data-flow edges.
    var dataFlow: [NormalizedDataFlowEdge]
    /// Whether the code tokenized and parsed without a problem.
    var parsedCleanly: Bool

    init(_ code: String) {
        // codebleu keeps the code as it is when Python's tokenizer rejects it.
        let cleaned = (try? CommentAndDocstringRemover.remove(from: code)) ?? code
        let parsed = PythonParser.parse(cleaned)
        tree = parsed.tree
        parsedCleanly = parsed.parsedCleanly
        dataFlow = PythonDataFlowGraph.normalize(PythonDataFlowGraph.edges(of: parsed.tree, code: cleaned))
    }
}
