extension PythonParser {
    /// Keywords that open a compound statement, whose header ends in `:` and whose body is indented.
    static let compoundKeywords: Set<String> = ["def", "class", "if", "elif", "else", "for", "while", "with", "try",
                                                "except", "finally", "async"]

    /// Whether the failed statement that began at token `start`, whose line `skipLine` has just consumed,
    /// is a compound header missing its `:`.
    func failedHeaderLacksColon(startingAt start: Int) -> Bool {
        guard tokens[start].kind == .name, Self.compoundKeywords.contains(tokens[start].text),
              index >= 2, tokens[index - 1].kind == .newline else { return false }
        let last = tokens[index - 2]
        return !(last.kind == .op && last.text == ":")
    }

    /// Folds the lines indented deeper than a failed header into the header's ERROR node, each read as
    /// `skipLine` reads a line. tree-sitter-python's scanner emits no NEWLINE while the parser recovers
    /// from an error, so the body of a header without its `:` joins that error instead of parsing as
    /// statements of its own. (The lexer opens no block after such a header, so the body arrives as
    /// plain lines at the header's level.)
    mutating func swallowIndentedBody(into error: PythonSyntaxNode, headerStart: Int) -> PythonSyntaxNode {
        let headerColumn = column(of: headerStart)
        var children = zip(error.fieldNames, error.children).map { ($0, $1) }
        while true {
            if current.kind == .newline {
                index += 1
                continue
            }
            guard current.kind != .endOfInput, current.kind != .dedent, current.kind != .indent,
                  column(of: current.start) > headerColumn else { break }
            let line = skipLine()
            children += zip(line.fieldNames, line.children).map { ($0, $1) }
        }
        return PythonSyntaxNode("ERROR", children, start: error.start, end: error.end)
    }

    /// The indentation column of the line holding `offset` (tabs to the next multiple of 8, as Python counts).
    func column(of offset: Int) -> Int {
        var lineStart = min(offset, source.count)
        while lineStart > 0, source[lineStart - 1] != "\n" { lineStart -= 1 }
        var column = 0
        var position = lineStart
        while position < offset, source[position] == " " || source[position] == "\t" {
            column = source[position] == "\t" ? (column / 8 + 1) * 8 : column + 1
            position += 1
        }
        return column
    }
}
