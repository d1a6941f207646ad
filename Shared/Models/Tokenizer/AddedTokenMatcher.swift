/// Finds added tokens in text, leftmost first and longest at a position, the way Hugging Face's
/// added vocabulary does (an Aho-Corasick search in leftmost-longest mode), then applies each
/// token's single_word, lstrip and rstrip rules.
struct AddedTokenMatcher: Sendable {
    /// A part of the text: an added token (with its span, strip included) or plain text.
    enum Segment: Equatable {
        case token(Int)
        case text(Range<Int>)
    }

    /// The tokens, indexed by the trie's terminal values.
    private let tokens: [AddedToken]
    /// Byte trie: per node, (byte, child) edges; terminals hold the token's index or -1.
    private var edges: [[(UInt8, Int32)]] = [[]]
    private var terminal: [Int32] = [-1]
    /// Whether a token can start with each byte, to skip most positions at once.
    private var startsWith = [Bool](repeating: false, count: 256)

    /// Builds a matcher for `tokens` matched on their `content` (or its normalized form).
    init(tokens: [AddedToken], content: (AddedToken) -> String) {
        self.tokens = tokens
        for (index, token) in tokens.enumerated() {
            let bytes = Array(content(token).utf8)
            guard let firstByte = bytes.first else { continue }
            startsWith[Int(firstByte)] = true
            var node = 0
            for byte in bytes {
                if let child = edges[node].first(where: { $0.0 == byte })?.1 {
                    node = Int(child)
                } else {
                    edges.append([])
                    terminal.append(-1)
                    edges[node].append((byte, Int32(edges.count - 1)))
                    node = edges.count - 1
                }
            }
            // The first token with a given content wins, as in a dictionary keyed by content.
            if terminal[node] < 0 { terminal[node] = Int32(index) }
        }
    }

    /// Whether there is nothing to match.
    var isEmpty: Bool { edges[0].isEmpty }

    /// Splits `bytes` into added tokens and the text between them; with `matchingSpecial` false,
    /// special tokens are left in the text.
    func segments(of bytes: ArraySlice<UInt8>, matchingSpecial: Bool) -> [Segment] {
        let start = bytes.startIndex
        let end = bytes.endIndex
        guard !isEmpty else { return start < end ? [.text(start..<end)] : [] }
        var result: [Segment] = []
        var textStart = start
        var i = start
        while i < end {
            guard startsWith[Int(bytes[i])], let (index, matchEnd) = longestMatch(in: bytes, at: i) else {
                i += 1
                continue
            }
            let token = tokens[index]
            // A skipped match is still consumed, as the search resumes after it.
            if token.special && !matchingSpecial {
                i = matchEnd
                continue
            }
            if token.singleWord {
                let before = i == start ? nil : lastScalar(of: bytes[start..<i])
                let after = matchEnd == end ? nil : firstScalar(of: bytes[matchEnd..<end])
                if before.map(AddedTokenMatcher.isWordScalar) == true || after.map(AddedTokenMatcher.isWordScalar) == true {
                    i = matchEnd
                    continue
                }
            }
            var spanStart = i
            var spanEnd = matchEnd
            if token.lstrip {
                spanStart = whitespaceStart(in: bytes[textStart..<i])
            }
            if token.rstrip {
                spanEnd = whitespaceEnd(in: bytes[matchEnd..<end])
            }
            if spanStart > textStart { result.append(.text(textStart..<spanStart)) }
            result.append(.token(token.id))
            textStart = spanEnd
            i = spanEnd
        }
        if textStart < end { result.append(.text(textStart..<end)) }
        return result
    }

    /// The longest token starting at `i`: its index and end.
    private func longestMatch(in bytes: ArraySlice<UInt8>, at i: Int) -> (Int, Int)? {
        var node = 0
        var best: (Int, Int)?
        var k = i
        while k < bytes.endIndex {
            let byte = bytes[k]
            guard let child = edges[node].first(where: { $0.0 == byte })?.1 else { break }
            node = Int(child)
            k += 1
            if terminal[node] >= 0 { best = (Int(terminal[node]), k) }
        }
        return best
    }

    /// Whether a scalar is a word character for single_word tokens: Unicode `\w` as Rust's
    /// regex crate (which `tokenizers` uses for this check) defines it.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic || properties.isJoinControl { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    private func lastScalar(of bytes: ArraySlice<UInt8>) -> Unicode.Scalar? {
        String(decoding: bytes.suffix(4), as: UTF8.self).unicodeScalars.last
    }

    private func firstScalar(of bytes: ArraySlice<UInt8>) -> Unicode.Scalar? {
        String(decoding: bytes.prefix(4), as: UTF8.self).unicodeScalars.first
    }

    /// Where the whitespace run ending `bytes` begins.
    private func whitespaceStart(in bytes: ArraySlice<UInt8>) -> Int {
        let text = String(decoding: bytes, as: UTF8.self)
        var length = 0
        for scalar in text.unicodeScalars.reversed() {
            guard scalar.properties.isWhitespace else { break }
            length += UTF8.width(scalar)
        }
        return bytes.endIndex - length
    }

    /// Where the whitespace run starting `bytes` ends.
    private func whitespaceEnd(in bytes: ArraySlice<UInt8>) -> Int {
        var i = bytes.startIndex
        let storage = Array(bytes)
        while i < bytes.endIndex {
            let (value, length) = ScalarText.decodeScalar(storage, at: i - bytes.startIndex)
            guard ScalarClass.of(value).contains(.whitespace) else { break }
            i += length
        }
        return i
    }
}
