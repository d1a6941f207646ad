extension PythonParser {
    /// Builds tree-sitter 0.21's `string` node from a string token: `string_start`, `string_content`
    /// pieces (holding `escape_sequence` / `escape_interpolation`), `interpolation`s of f-strings, `string_end`.
    func stringNode(_ t: PythonToken) throws -> PythonSyntaxNode {
        var quoteAt = t.start
        var prefix = ""
        while quoteAt < t.end, source[quoteAt] != "'", source[quoteAt] != "\"" {
            prefix.unicodeScalars.append(source[quoteAt])
            quoteAt += 1
        }
        guard quoteAt < t.end else { throw failure("malformed string") }
        let quote = source[quoteAt]
        let triple = quoteAt + 2 < t.end && source[quoteAt + 1] == quote && source[quoteAt + 2] == quote
            && t.end - quoteAt >= 6
        let quoteLength = triple ? 3 : 1
        let contentStart = quoteAt + quoteLength
        let contentEnd = t.end - quoteLength
        guard contentEnd >= contentStart, (contentEnd..<t.end).allSatisfy({ source[$0] == quote }) else {
            throw failure("unterminated string")
        }
        let lowered = prefix.lowercased()
        let flavour = StringFlavour(raw: lowered.contains("r"), bytes: lowered.contains("b"), formatted: lowered.contains("f"), quote: quote)

        var children: [(String?, PythonSyntaxNode)] = [(nil, leaf("string_start", t.start, contentStart))]
        children += try stringPieces(contentStart..<contentEnd, flavour: flavour, closingBrace: false).map { (nil, $0) }
        children.append((nil, leaf("string_end", contentEnd, t.end)))
        return PythonSyntaxNode("string", children)
    }

    struct StringFlavour {
        var raw: Bool
        var bytes: Bool
        var formatted: Bool
        var quote: Unicode.Scalar
    }

    func leaf(_ type: String, _ start: Int, _ end: Int, named: Bool = true) -> PythonSyntaxNode {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: source[start..<end])
        return PythonSyntaxNode(leaf: type, isNamed: named, text: String(text), start: start, end: end)
    }

    /// The content runs and interpolations of `range`; a format specifier stops at its closing brace.
    func stringPieces(_ range: Range<Int>, flavour: StringFlavour, closingBrace: Bool) throws -> [PythonSyntaxNode] {
        var pieces: [PythonSyntaxNode] = []
        var runStart = range.lowerBound
        var escapes: [PythonSyntaxNode] = []
        var position = range.lowerBound
        // tree-sitter's scanner steps over `\\` and `\<quote>` in raw strings without marking
        // content, so a raw run made only of those pairs has no string_content node.
        var rawRunHasContent = false

        func closeRun(at end: Int) {
            if end > runStart && (!flavour.raw || rawRunHasContent || !escapes.isEmpty) {
                var content = PythonSyntaxNode("string_content", escapes.map { (nil, $0) }, start: runStart, end: end)
                content.start = runStart
                content.end = end
                if escapes.isEmpty { content.text = leaf("string_content", runStart, end).text }
                pieces.append(content)
            }
            escapes = []
            rawRunHasContent = false
        }

        while position < range.upperBound {
            let scalar = source[position]
            if scalar == "\\" {
                if flavour.raw {
                    let next = position + 1 < range.upperBound ? source[position + 1] : " "
                    position += (next == "\\" || next == flavour.quote) ? 2 : 1
                    continue
                }
                let length = escapeLength(at: position, limit: range.upperBound, bytes: flavour.bytes)
                if length > 0 {
                    escapes.append(leaf("escape_sequence", position, position + length))
                    position += length
                } else {
                    position += 2
                }
                continue
            }
            if flavour.formatted && (scalar == "{" || scalar == "}") {
                if position + 1 < range.upperBound && source[position + 1] == scalar {
                    escapes.append(leaf("escape_interpolation", position, position + 2))
                    position += 2
                    continue
                }
                if scalar == "}" { throw failure("single '}' in f-string") }
                closeRun(at: position)
                let (node, next) = try interpolation(at: position, limit: range.upperBound, type: "interpolation")
                pieces.append(node)
                position = next
                runStart = position
                continue
            }
            rawRunHasContent = true
            position += 1
        }
        closeRun(at: min(position, range.upperBound))
        return pieces
    }

    /// Length of the escape sequence tree-sitter recognises at a backslash, or 0 if there is none.
    func escapeLength(at start: Int, limit: Int, bytes: Bool) -> Int {
        guard start + 1 < limit else { return 0 }
        let next = source[start + 1]
        func hexRun(_ count: Int) -> Bool {
            guard start + 2 + count <= limit else { return false }
            return (0..<count).allSatisfy { source[start + 2 + $0].properties.isASCIIHexDigit }
        }
        switch next {
        case "u": return !bytes && hexRun(4) ? 6 : 0
        case "U": return !bytes && hexRun(8) ? 10 : 0
        case "x": return hexRun(2) ? 4 : 0
        case "N":
            guard !bytes, start + 2 < limit, source[start + 2] == "{" else { return 0 }
            var index = start + 3
            while index < limit, source[index] != "}" { index += 1 }
            return index < limit && index > start + 3 ? index + 1 - start : 0
        case "\n": return 2
        case "\r": return start + 2 < limit && source[start + 2] == "\n" ? 3 : 0
        case "'", "\"", "a", "b", "f", "r", "n", "t", "v", "\\": return 2
        default:
            // Numeric escapes count only with exactly three digits (tree-sitter's `\d{3}`).
            if start + 4 <= limit, (1...3).allSatisfy({ ("0"..."9").contains(source[start + $0]) }) { return 4 }
            return 0
        }
    }

    /// An f-string `{...}` (or, inside a format specifier, a `format_expression`) starting at `start`.
    func interpolation(at start: Int, limit: Int, type: String) throws -> (PythonSyntaxNode, Int) {
        // Find where the expression ends: `}`, `!`, `:` or a trailing `=` at bracket depth 0.
        var position = start + 1
        var depth = 0
        var expressionEnd = -1
        var quote: Unicode.Scalar?
        while position < limit {
            let scalar = source[position]
            if let open = quote {
                if scalar == "\\" { position += 2; continue }
                if scalar == open { quote = nil }
                position += 1
                continue
            }
            if scalar == "'" || scalar == "\"" {
                quote = scalar
            } else if "([{".unicodeScalars.contains(scalar) {
                depth += 1
            } else if ")]}".unicodeScalars.contains(scalar) {
                if depth == 0 { expressionEnd = position; break }
                depth -= 1
            } else if depth == 0 && scalar == "!" && !(position + 1 < limit && source[position + 1] == "=") {
                expressionEnd = position; break
            } else if depth == 0 && scalar == ":" {
                expressionEnd = position; break
            } else if depth == 0 && scalar == "=" {
                let previous = source[position - 1]
                let following = position + 1 < limit ? source[position + 1] : " "
                if following != "=" && !"=!<>".unicodeScalars.contains(previous) {
                    expressionEnd = position; break
                }
            }
            position += 1
        }
        guard expressionEnd > start + 1 else { throw failure("empty or unterminated f-string expression") }

        var lexer = PythonLexer(source: source, lines: lines, range: (start + 1)..<expressionEnd, insideBrackets: true)
        let subTokens = lexer.tokenize()
        if let problem = lexer.problems.first { throw problem }
        var subParser = PythonParser(source: source, lines: lines, tokens: subTokens)
        subParser.depth = depth + 1
        guard subParser.depth <= Self.maxDepth else { throw failure("nesting deeper than \(Self.maxDepth) levels") }
        let expression = subParser.isKeyword("yield") ? try subParser.parseYield() : try subParser.parseExpressions()
        guard subParser.current.kind == .endOfInput else { throw subParser.failure("unexpected '\(subParser.current.text)' in f-string") }

        var children: [(String?, PythonSyntaxNode)] = [(nil, leaf("{", start, start + 1, named: false)), ("expression", expression)]
        position = expressionEnd
        if position < limit && source[position] == "=" {
            children.append((nil, leaf("=", position, position + 1, named: false)))
            position += 1
            while position < limit && source[position] == " " { position += 1 }
        }
        if position < limit && source[position] == "!" {
            let conversionEnd = min(position + 2, limit)
            children.append(("type_conversion", leaf("type_conversion", position, conversionEnd)))
            position = conversionEnd
        }
        if position < limit && source[position] == ":" {
            var specifier: [(String?, PythonSyntaxNode)] = [(nil, leaf(":", position, position + 1, named: false))]
            position += 1
            while position < limit && source[position] != "}" {
                if source[position] == "{" {
                    let (nested, next) = try interpolation(at: position, limit: limit, type: "format_expression")
                    specifier.append((nil, nested))
                    position = next
                } else {
                    position += 1
                }
            }
            children.append(("format_specifier", PythonSyntaxNode("format_specifier", specifier)))
        }
        guard position < limit && source[position] == "}" else { throw failure("f-string expression is not closed") }
        children.append((nil, leaf("}", position, position + 1, named: false)))
        return (PythonSyntaxNode(type, children), position + 1)
    }
}
