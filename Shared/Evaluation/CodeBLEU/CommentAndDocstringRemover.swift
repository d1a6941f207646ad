/// Removes comments and docstrings from Python source the way codebleu does before its syntax and
/// data-flow parts: by re-emitting the tokens of Python 3.11's `tokenize` module, dropping comments
/// and any string that starts a logical line, then dropping blank lines.
///
/// The token boundaries follow `tokenize` only as far as the output depends on them (comments,
/// strings, line ends, indentation, brackets); other tokens are re-emitted verbatim either way.
public enum CommentAndDocstringRemover {
    /// Why `tokenize` would give up on the source; codebleu then keeps the source unchanged.
    public enum Failure: Error, Sendable, Equatable {
        /// A string or bracketed statement runs to the end of the source.
        case endOfInputInsideStatement(line: Int)
        /// A dedent lands on no enclosing indentation level.
        case inconsistentDedent(line: Int)
    }

    private enum Kind { case comment, string, newline, nl, indent, dedent, other }

    private struct Emitter {
        // Scalars, not a String.UnicodeScalarView: appending to the view re-encodes UTF-8 scalar by scalar.
        var out: [Unicode.Scalar] = []
        var previousKind: Kind = .indent
        var lastLine = -1
        var lastColumn = 0

        mutating func emit(_ kind: Kind, _ text: ArraySlice<Unicode.Scalar>, start: (Int, Int), end: (Int, Int)) {
            if start.0 > lastLine { lastColumn = 0 }
            if start.1 > lastColumn {
                out.append(contentsOf: repeatElement(" " as Unicode.Scalar, count: start.1 - lastColumn))
            }
            switch kind {
            case .comment:
                break
            case .string:
                // A string right after an indent or a line end is a docstring (or a bare string statement).
                if previousKind != .indent && previousKind != .newline && start.1 > 0 { out.append(contentsOf: text) }
            default:
                out.append(contentsOf: text)
            }
            previousKind = kind
            lastColumn = end.1
            lastLine = end.0
        }
    }

    /// The source without comments and docstrings, or `Failure` where Python's tokenizer raises.
    public static func remove(from source: String) throws -> String {
        let lines = splitLines(source)
        var emitter = Emitter()
        emitter.out.reserveCapacity(source.unicodeScalars.count + 16)
        var indents = [0]
        var parenLevel = 0
        var continued = false
        var lineNumber = 0
        // A string running over several lines: its start, its text so far, its quote, and whether
        // it is a single-quoted string continued by backslashes.
        var pending: (start: (Int, Int), text: [Unicode.Scalar], quote: [Unicode.Scalar], needsContinuation: Bool)?
        var lastLine: [Unicode.Scalar] = []
        var line: [Unicode.Scalar] = []
        var lineIndex = 0

        mainLoop: while true {
            lastLine = line
            line = lineIndex < lines.count ? lines[lineIndex] : []
            lineIndex += 1
            lineNumber += 1
            var position = 0
            let max = line.count

            if let open = pending {
                guard !line.isEmpty else { throw Failure.endOfInputInsideStatement(line: open.start.0) }
                if let end = closingQuote(in: line, from: 0, quote: open.quote) {
                    position = end
                    emitter.emit(.string, ArraySlice(open.text + line[0..<end]), start: open.start, end: (lineNumber, end))
                    pending = nil
                } else if open.needsContinuation && !endsWithBackslashNewline(line) {
                    emitter.emit(.other, ArraySlice(open.text + line), start: open.start, end: (lineNumber, line.count))
                    pending = nil
                    continue mainLoop
                } else {
                    pending?.text += line
                    continue mainLoop
                }
            } else if parenLevel == 0 && !continued {
                if line.isEmpty { break mainLoop }
                var column = 0
                while position < max {
                    switch line[position] {
                    case " ": column += 1
                    case "\t": column = (column / 8 + 1) * 8
                    case "\u{0C}": column = 0
                    default: break
                    }
                    if !(line[position] == " " || line[position] == "\t" || line[position] == "\u{0C}") { break }
                    position += 1
                }
                if position == max { break mainLoop }
                let first = line[position]
                if first == "#" || first == "\r" || first == "\n" {
                    if first == "#" {
                        var end = position
                        while end < max, line[end] != "\r", line[end] != "\n" { end += 1 }
                        emitter.emit(.comment, line[position..<end], start: (lineNumber, position), end: (lineNumber, end))
                        position = end
                    }
                    emitter.emit(.nl, line[position..<max], start: (lineNumber, position), end: (lineNumber, max))
                    continue mainLoop
                }
                if column > indents[indents.count - 1] {
                    indents.append(column)
                    emitter.emit(.indent, line[0..<position], start: (lineNumber, 0), end: (lineNumber, position))
                }
                while column < indents[indents.count - 1] {
                    guard indents.contains(column) else { throw Failure.inconsistentDedent(line: lineNumber) }
                    indents.removeLast()
                    emitter.emit(.dedent, [], start: (lineNumber, position), end: (lineNumber, position))
                }
            } else {
                guard !line.isEmpty else { throw Failure.endOfInputInsideStatement(line: lineNumber) }
                continued = false
            }

            while position < max {
                while position < max, line[position] == " " || line[position] == "\t" || line[position] == "\u{0C}" {
                    position += 1
                }
                guard position < max else { break }
                let start = position
                let scalar = line[position]
                if scalar == "\\" {
                    if position + 1 < max && line[position + 1] == "\n" {
                        continued = true
                        position += 2
                        continue
                    }
                    if position + 2 < max && line[position + 1] == "\r" && line[position + 2] == "\n" {
                        continued = true
                        position += 3
                        continue
                    }
                    emitter.emit(.other, line[start..<start + 1], start: (lineNumber, start), end: (lineNumber, start + 1))
                    position += 1
                    continue
                }
                if scalar == "#" {
                    var end = position
                    while end < max, line[end] != "\r", line[end] != "\n" { end += 1 }
                    emitter.emit(.comment, line[start..<end], start: (lineNumber, start), end: (lineNumber, end))
                    position = end
                    continue
                }
                if let quoteAt = stringQuote(in: line, at: position) {
                    let quoteScalar = line[quoteAt]
                    let isTriple = quoteAt + 2 < max && line[quoteAt + 1] == quoteScalar && line[quoteAt + 2] == quoteScalar
                    if isTriple {
                        let quote = [quoteScalar, quoteScalar, quoteScalar]
                        if let end = closingQuote(in: line, from: quoteAt + 3, quote: quote) {
                            emitter.emit(.string, line[start..<end], start: (lineNumber, start), end: (lineNumber, end))
                            position = end
                            continue
                        }
                        pending = ((lineNumber, start), Array(line[start...]), quote, false)
                        continue mainLoop
                    }
                    switch singleQuotedEnd(in: line, from: quoteAt + 1, quote: quoteScalar) {
                    case .closed(let end):
                        emitter.emit(.string, line[start..<end], start: (lineNumber, start), end: (lineNumber, end))
                        position = end
                        continue
                    case .continuesOnNextLine:
                        pending = ((lineNumber, start), Array(line[start...]), [quoteScalar], true)
                        continue mainLoop
                    case .unterminated:
                        break // falls through to names / error tokens below, as tokenize does
                    }
                }
                if scalar == "\r" || scalar == "\n" {
                    let end = (scalar == "\r" && position + 1 < max && line[position + 1] == "\n") ? position + 2 : position + 1
                    if scalar == "\r" && end == position + 1 {
                        emitter.emit(.other, line[start..<end], start: (lineNumber, start), end: (lineNumber, end))
                    } else {
                        emitter.emit(parenLevel > 0 ? .nl : .newline, line[start..<end], start: (lineNumber, start), end: (lineNumber, end))
                    }
                    position = end
                    continue
                }
                if isWordScalar(scalar) || (scalar == "." && position + 1 < max && ("0"..."9").contains(line[position + 1])) {
                    var end = position + 1
                    while end < max, isWordScalar(line[end]) || (("0"..."9").contains(scalar) && line[end] == ".") { end += 1 }
                    emitter.emit(.other, line[start..<end], start: (lineNumber, start), end: (lineNumber, end))
                    position = end
                    continue
                }
                if "([{".unicodeScalars.contains(scalar) { parenLevel += 1 }
                if ")]}".unicodeScalars.contains(scalar) { parenLevel -= 1 }
                emitter.emit(.other, line[start..<start + 1], start: (lineNumber, start), end: (lineNumber, start + 1))
                position += 1
            }
        }

        if let last = lastLine.last, last != "\n", last != "\r", !lastLineIsComment(lastLine) {
            emitter.emit(.newline, [], start: (lineNumber - 1, lastLine.count), end: (lineNumber - 1, lastLine.count + 1))
        }
        for _ in indents.dropFirst() {
            emitter.emit(.dedent, [], start: (lineNumber, 0), end: (lineNumber, 0))
        }
        emitter.emit(.other, [], start: (lineNumber, 0), end: (lineNumber, 0))

        // Split on the scalar, not the Character: "\r\n" is one Character in Swift.
        var kept = String.UnicodeScalarView()
        var first = true
        for line in emitter.out.split(separator: "\n", omittingEmptySubsequences: false)
        where line.contains(where: { !PythonWhitespace.isSpace($0) }) {
            if !first { kept.append("\n") }
            kept.append(contentsOf: line)
            first = false
        }
        return String(kept)
    }

    /// Lines as `io.StringIO.readline` gives them: split after each `\n`, endings kept.
    static func splitLines(_ source: String) -> [[Unicode.Scalar]] {
        var lines: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for scalar in source.unicodeScalars {
            current.append(scalar)
            if scalar == "\n" {
                lines.append(current)
                current = []
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    private static func lastLineIsComment(_ line: [Unicode.Scalar]) -> Bool {
        PythonWhitespace.strip(String(String.UnicodeScalarView(line))).hasPrefix("#")
    }

    private static func endsWithBackslashNewline(_ line: [Unicode.Scalar]) -> Bool {
        line.suffix(2) == ["\\", "\n"] || line.suffix(3) == ["\\", "\r", "\n"]
    }

    /// `\w` of Python's `re`: letters, digits, underscore and combining marks.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII first: Unicode property lookups cost a table walk per scalar.
        if scalar.isASCII {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_": return true
            default: return false
            }
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .connectorPunctuation, .decimalNumber: return true
        default: return false
        }
    }

    /// If a string literal with a valid prefix (`r`, `b`, `f`, `u`, `br`, `rb`, `fr`, `rf`) starts at
    /// `position`, the offset of its opening quote.
    private static func stringQuote(in line: [Unicode.Scalar], at position: Int) -> Int? {
        // Called at every token start, so it works on lowered ASCII letters, never on Strings.
        var prefix: [Unicode.Scalar] = []
        var index = position
        while index < line.count, line[index] != "'", line[index] != "\"" {
            guard prefix.count < 2, "rRbBuUfF".unicodeScalars.contains(line[index]) else { return nil }
            prefix.append(Unicode.Scalar(line[index].value | 0x20) ?? line[index])
            index += 1
        }
        guard index < line.count else { return nil }
        switch prefix.count {
        case 0, 1: return index
        default:
            // Of the two-letter prefixes only b/f with r are valid: br, rb, fr, rf.
            let valid = (prefix[0] == "r" && (prefix[1] == "b" || prefix[1] == "f"))
                || (prefix[1] == "r" && (prefix[0] == "b" || prefix[0] == "f"))
            return valid ? index : nil
        }
    }

    private enum SingleQuoted { case closed(Int), continuesOnNextLine, unterminated }

    private static func singleQuotedEnd(in line: [Unicode.Scalar], from start: Int, quote: Unicode.Scalar) -> SingleQuoted {
        var index = start
        while index < line.count {
            let scalar = line[index]
            if scalar == "\\" {
                if index + 1 < line.count && line[index + 1] == "\n" { return .continuesOnNextLine }
                if index + 2 < line.count && line[index + 1] == "\r" && line[index + 2] == "\n" { return .continuesOnNextLine }
                guard index + 1 < line.count, line[index + 1] != "\n" else { return .unterminated }
                index += 2
                continue
            }
            if scalar == "\n" { return .unterminated }
            if scalar == quote { return .closed(index + 1) }
            index += 1
        }
        return .unterminated
    }

    /// End offset (past the closing quote) of a string whose body starts at `start`, if it closes on this line.
    private static func closingQuote(in line: [Unicode.Scalar], from start: Int, quote: [Unicode.Scalar]) -> Int? {
        var index = start
        while index < line.count {
            if line[index] == "\\" {
                index += 2
                continue
            }
            if index + quote.count <= line.count && Array(line[index..<index + quote.count]) == quote {
                return index + quote.count
            }
            index += 1
        }
        return nil
    }
}
