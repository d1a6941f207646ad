/// The `13a` tokenizer of sacrebleu (mteval-v13a.pl's rules), reproduced on Unicode scalars.
///
/// sacrebleu works on Python code points, so every step here walks `unicodeScalars` rather than
/// `Character`s: a grapheme-based walk would glue "\r\n" or a combining accent onto its neighbour
/// and tokens that Python keeps apart would compare equal under Swift's canonical equivalence.
public struct Tokenizer13a: Sendable {
    /// Creates the tokenizer; it has no settings.
    public init() {}

    /// Tokenizes one segment and joins the tokens with single spaces, as sacrebleu's `Tokenizer13a.__call__` returns.
    public func callAsFunction(_ line: String) -> String {
        tokens(of: Array(line.unicodeScalars)).map { token in
            var text = String.UnicodeScalarView()
            text.append(contentsOf: token)
            return String(text)
        }.joined(separator: " ")
    }

    /// Splits one segment into tokens, each a sequence of scalars.
    func tokens(of line: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var text = Self.replacing(Array("<skipped>".unicodeScalars), with: [], in: line)
        text = Self.replacing(["-", "\n"], with: [], in: text)
        text = text.map { $0 == "\n" ? " " : $0 }
        if text.contains("&") {
            text = Self.replacing(Array("&quot;".unicodeScalars), with: ["\""], in: text)
            text = Self.replacing(Array("&amp;".unicodeScalars), with: ["&"], in: text)
            text = Self.replacing(Array("&lt;".unicodeScalars), with: ["<"], in: text)
            text = Self.replacing(Array("&gt;".unicodeScalars), with: [">"], in: text)
        }
        text = [" "] + text + [" "]
        text = Self.separatingPunctuation(text)
        text = Self.substitutingPairs(text, matches: { !$0.isASCIIDigit && ($1 == "." || $1 == ",") },
                                      replacement: { [$0, " ", $1, " "] })
        text = Self.substitutingPairs(text, matches: { ($0 == "." || $0 == ",") && !$1.isASCIIDigit },
                                      replacement: { [" ", $0, " ", $1] })
        text = Self.substitutingPairs(text, matches: { $0.isASCIIDigit && $1 == "-" },
                                      replacement: { [$0, " ", $1, " "] })
        return Self.splitOnPythonWhitespace(text)
    }

    /// Python's `str.replace`: every non-overlapping occurrence, scanned left to right.
    static func replacing(_ needle: [Unicode.Scalar], with replacement: [Unicode.Scalar],
                          in text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard !needle.isEmpty, text.count >= needle.count else { return text }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            if i + needle.count <= text.count && text[i] == needle[0]
                && text[i..<(i + needle.count)].elementsEqual(needle) {
                out.append(contentsOf: replacement)
                i += needle.count
            } else {
                out.append(text[i])
                i += 1
            }
        }
        return out
    }

    /// The first regex, `([\{-\~\[-\` -\&\(-\+\:-\@\/])` -> ` \1 `: ASCII symbols (and space) get spaces around them.
    static func separatingPunctuation(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.count * 2)
        for scalar in text {
            switch scalar.value {
            case 0x7B...0x7E, 0x5B...0x60, 0x20...0x26, 0x28...0x2B, 0x3A...0x40, 0x2F:
                out.append(" ")
                out.append(scalar)
                out.append(" ")
            default:
                out.append(scalar)
            }
        }
        return out
    }

    /// `re.sub` for a two-scalar pattern: leftmost matches, never overlapping, the scan resuming after each match.
    static func substitutingPairs(
        _ text: [Unicode.Scalar],
        matches: (Unicode.Scalar, Unicode.Scalar) -> Bool,
        replacement: (Unicode.Scalar, Unicode.Scalar) -> [Unicode.Scalar]
    ) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.count + text.count / 4)
        var i = 0
        while i < text.count {
            if i + 1 < text.count && matches(text[i], text[i + 1]) {
                out.append(contentsOf: replacement(text[i], text[i + 1]))
                i += 2
            } else {
                out.append(text[i])
                i += 1
            }
        }
        return out
    }

    /// Python's `str.split()` with no argument: runs of whitespace separate, empty pieces are dropped.
    static func splitOnPythonWhitespace(_ text: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var tokens: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for scalar in text {
            if scalar.isPythonWhitespace {
                if !current.isEmpty {
                    tokens.append(current)
                    current.removeAll(keepingCapacity: true)
                }
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }
}

extension Unicode.Scalar {
    /// Whether this is one of `0`...`9`, the only digits the 13a regexes' `[0-9]` class accepts.
    fileprivate var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }
}
