/// Splits Python source into the tokens tree-sitter-python's grammar works on: names, numbers,
/// whole strings, operators, and the NEWLINE / INDENT / DEDENT structure of the lines.
public struct PythonLexer {
    private let source: [Unicode.Scalar]
    private let lines: PythonSourceLineTable
    private var position: Int
    private let limit: Int
    private var bracketDepth: Int
    private let initialDepth: Int
    private var indents: [Int] = [0]
    private var tokens: [PythonToken] = []
    private var atLineStart = true
    /// How many comments the source held (they never become tokens).
    public private(set) var commentCount = 0
    /// Problems met on the way; lexing goes on past each so a parser can still recover.
    public private(set) var problems: [PythonSyntaxError] = []
    /// Whether some bracket was still open at the end of the source.
    public private(set) var leftBracketOpen = false
    /// When set, an open bracket is given up at a line break followed by a statement keyword at
    /// the statement's own indentation or less, so one unclosed bracket does not swallow the file.
    public var closesBracketsAtStatementKeywords = false
    private var logicalLineIndent = 0
    /// Words that never begin a line inside brackets in valid code.
    private static let statementOnlyKeywords: Set<String> = [
        "def", "class", "return", "pass", "break", "continue", "raise", "assert", "del", "global", "nonlocal",
        "import", "while", "try", "except", "finally", "with", "elif",
    ]
    /// Words that may continue an expression (`for`/`if` of a comprehension, `yield from`) as well.
    private static let ambiguousStatementKeywords: Set<String> = ["if", "else", "for", "from", "yield", "async"]

    /// Makes a lexer over `source[range]`; `insideBrackets` lexes an f-string's expression,
    /// where line breaks mean nothing.
    public init(source: [Unicode.Scalar], range: Range<Int>? = nil, insideBrackets: Bool = false) {
        self.init(source: source, lines: PythonSourceLineTable(source), range: range, insideBrackets: insideBrackets)
    }

    init(source: [Unicode.Scalar], lines: PythonSourceLineTable, range: Range<Int>?, insideBrackets: Bool) {
        self.source = source
        self.lines = lines
        self.position = range?.lowerBound ?? 0
        self.limit = range?.upperBound ?? source.count
        self.bracketDepth = insideBrackets ? 1 : 0
        self.initialDepth = bracketDepth
        self.atLineStart = !insideBrackets
    }

    private static let operators: [String] = [
        "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", ">>", "<<", "<=", ">=", "==", "!=",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "<>",
        "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}",
        ",", ":", ";", ".", "=",
    ].sorted { $0.unicodeScalars.count > $1.unicodeScalars.count }

    private func error(_ message: String, at offset: Int) -> PythonSyntaxError {
        PythonSyntaxError(line: lines.line(of: offset), message: message)
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let index = position + ahead
        return index < limit ? source[index] : nil
    }

    /// Tokenizes the whole range.
    public mutating func tokenize() -> [PythonToken] {
        while position < limit {
            if atLineStart && bracketDepth == 0 {
                beginLine()
                continue
            }
            guard let scalar = peek() else { break }
            switch scalar {
            case " ", "\t", "\u{0C}":
                position += 1
            case "\r", "\n":
                let start = position
                position += (scalar == "\r" && peek(1) == "\n") ? 2 : 1
                if bracketDepth == 0 {
                    append(.newline, "", start, start)
                    atLineStart = true
                } else if closesBracketsAtStatementKeywords && initialDepth == 0 && nextLineStartsStatement() {
                    problems.append(error("a bracket is never closed", at: start))
                    bracketDepth = 0
                    append(.newline, "", start, start)
                    atLineStart = true
                }
            case "#":
                skipComment()
            case "\\":
                if peek(1) == "\n" {
                    position += 2
                } else if peek(1) == "\r" && peek(2) == "\n" {
                    position += 3
                } else {
                    problems.append(error("stray backslash", at: position))
                    position += 1
                }
            default:
                lexToken(scalar)
            }
        }
        if bracketDepth > initialDepth {
            leftBracketOpen = true
            problems.append(error("a bracket is never closed", at: limit))
        }
        if initialDepth == 0 {
            if let last = tokens.last, last.kind != .newline, last.kind != .indent, last.kind != .dedent {
                append(.newline, "", limit, limit)
            }
        }
        while indents.count > 1 {
            indents.removeLast()
            append(.dedent, "", limit, limit)
        }
        append(.endOfInput, "", limit, limit)
        return tokens
    }

    private mutating func append(_ kind: PythonToken.Kind, _ text: String, _ start: Int, _ end: Int) {
        tokens.append(PythonToken(kind: kind, text: text, start: start, end: end))
    }

    private mutating func skipComment() {
        commentCount += 1
        while let scalar = peek(), scalar != "\n", scalar != "\r" { position += 1 }
    }

    /// Measures indentation at the start of a line, skipping blank and comment-only lines.
    private mutating func beginLine() {
        var column = 0
        var index = position
        while index < limit {
            let scalar = source[index]
            if scalar == " " {
                column += 1
            } else if scalar == "\t" {
                column = (column / 8 + 1) * 8
            } else if scalar == "\u{0C}" {
                column = 0
            } else {
                break
            }
            index += 1
        }
        position = index
        guard index < limit else { return }
        let scalar = source[index]
        if scalar == "\n" || scalar == "\r" {
            position += (scalar == "\r" && index + 1 < limit && source[index + 1] == "\n") ? 2 : 1
            return
        }
        if scalar == "#" {
            skipComment()
            return
        }
        if scalar == "\\" { // a continuation on an otherwise empty line joins it to the next
            atLineStart = false
            return
        }
        atLineStart = false
        logicalLineIndent = column
        // Like tree-sitter's scanner, indentation only opens a block after a line ending in `:`;
        // elsewhere a deeper line stays in its block, and a dedent between two levels closes the
        // deeper ones and keeps the rest, all without an error (Python would reject both).
        let opensBlock = tokens.count >= 2 && tokens[tokens.count - 1].kind == .newline
            && tokens[tokens.count - 2].kind == .op && tokens[tokens.count - 2].text == ":"
        if column > indents[indents.count - 1] {
            if opensBlock {
                indents.append(column)
                append(.indent, "", position, position)
            }
        } else {
            while column < indents[indents.count - 1] {
                indents.removeLast()
                append(.dedent, "", position, position)
            }
        }
    }

    /// Whether the next non-blank line starts with a statement keyword at or left of the current statement.
    private func nextLineStartsStatement() -> Bool {
        var index = position
        while index < limit {
            var column = 0
            while index < limit, source[index] == " " || source[index] == "\t" {
                column = source[index] == "\t" ? (column / 8 + 1) * 8 : column + 1
                index += 1
            }
            guard index < limit else { return false }
            if source[index] == "\n" || source[index] == "\r" || source[index] == "#" {
                while index < limit, source[index] != "\n" { index += 1 }
                index += 1
                continue
            }
            var word = String.UnicodeScalarView()
            while index < limit, Self.isNameContinue(source[index]) {
                word.append(source[index])
                index += 1
            }
            let text = String(word)
            if Self.statementOnlyKeywords.contains(text) { return true }
            guard column <= logicalLineIndent else { return false }
            return Self.ambiguousStatementKeywords.contains(text) || (word.isEmpty && index < limit && source[index] == "@")
        }
        return false
    }

    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || (scalar.value < 128 ? (scalar.properties.isAlphabetic) : scalar.properties.isXIDStart)
    }

    private static func isNameContinue(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || (scalar.value < 128
            ? (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
            : scalar.properties.isXIDContinue)
    }

    private mutating func lexToken(_ scalar: Unicode.Scalar) {
        let start = position
        if let quoteAt = stringStart() {
            lexString(start: start, quoteAt: quoteAt)
            return
        }
        if Self.isNameStart(scalar) {
            while let next = peek(), Self.isNameContinue(next) { position += 1 }
            append(.name, text(start, position), start, position)
            return
        }
        if ("0"..."9").contains(scalar) || (scalar == "." && peek(1).map { ("0"..."9").contains($0) } == true) {
            lexNumber()
            append(.number, text(start, position), start, position)
            return
        }
        for op in Self.operators where matches(op) {
            position += op.unicodeScalars.count
            switch op {
            case "(", "[", "{": bracketDepth += 1
            case ")", "]", "}":
                if bracketDepth > initialDepth {
                    bracketDepth -= 1
                } else {
                    problems.append(error("unmatched '\(op)'", at: start))
                }
            default: break
            }
            append(.op, op, start, position)
            return
        }
        problems.append(error("unexpected character '\(scalar)'", at: position))
        position += 1
        append(.op, String(scalar), start, position)
    }

    private func matches(_ op: String) -> Bool {
        var index = position
        for scalar in op.unicodeScalars {
            guard index < limit, source[index] == scalar else { return false }
            index += 1
        }
        return true
    }

    func text(_ start: Int, _ end: Int) -> String {
        var string = String.UnicodeScalarView()
        string.append(contentsOf: source[start..<end])
        return String(string)
    }

    /// If a string literal (with an optional prefix such as `rb` or `f`) starts here, the offset of its quote.
    private func stringStart() -> Int? {
        var index = position
        var prefixLength = 0
        while index < limit, prefixLength < 3 {
            let scalar = source[index]
            if scalar == "'" || scalar == "\"" { return index }
            guard "rRbBuUfF".unicodeScalars.contains(scalar) else { return nil }
            index += 1
            prefixLength += 1
        }
        return nil
    }

    /// Lexes a string literal; an unterminated one is reported and only its prefix and opening quotes are
    /// skipped, its text then lexed as code: tree-sitter-python does the same (an `ERROR` holding the
    /// `string_start`, then the rest parsed on), so the statements after a broken docstring survive.
    private mutating func lexString(start: Int, quoteAt: Int) {
        let quote = source[quoteAt]
        let triple = quoteAt + 2 < limit && source[quoteAt + 1] == quote && source[quoteAt + 2] == quote
        let contentStart = quoteAt + (triple ? 3 : 1)
        position = contentStart
        while true {
            guard let scalar = peek() else {
                problems.append(error(triple ? "unterminated triple-quoted string" : "unterminated string", at: start))
                position = min(contentStart, limit)
                return
            }
            if scalar == "\\" {
                position += 2
                continue
            }
            if scalar == "\n" && !triple {
                problems.append(error("unterminated string", at: start))
                position = contentStart
                return
            }
            if scalar == quote {
                if !triple {
                    position += 1
                    break
                }
                if peek(1) == quote && peek(2) == quote {
                    position += 3
                    break
                }
            }
            position += 1
        }
        position = min(position, limit)
        append(.string, text(start, position), start, position)
    }

    private mutating func lexNumber() {
        func isDigit(_ s: Unicode.Scalar?) -> Bool { s.map { ("0"..."9").contains($0) || $0 == "_" } ?? false }
        if peek() == "0", let x = peek(1), "xXoObB".unicodeScalars.contains(x) {
            position += 2
            while let s = peek(), s.properties.isASCIIHexDigit || s == "_" { position += 1 }
        } else {
            while isDigit(peek()) { position += 1 }
            if peek() == "." {
                position += 1
                while isDigit(peek()) { position += 1 }
            }
            if let e = peek(), e == "e" || e == "E",
               isDigit(peek(1)) || ((peek(1) == "+" || peek(1) == "-") && isDigit(peek(2))) {
                position += 2
                while isDigit(peek()) { position += 1 }
            }
        }
        if let s = peek(), "jJlL".unicodeScalars.contains(s) { position += 1 }
    }
}
