/// Splits normalized text into the pieces BPE encodes one at a time, following the
/// pre-tokenizer of a tokenizer.json (or the one a GGUF file's `tokenizer.ggml.pre` names).
struct PreTokenizer: Sendable, Equatable {
    /// The steps, applied in order.
    let steps: [PreTokenizerStep]

    /// A piece: a scalar range of one of the texts a pre-tokenization works on.
    private struct Piece {
        var text: Int
        var range: Range<Int>
    }

    /// Calls `body` with the UTF-8 bytes of each piece of `utf8`, in order.
    func forEachPiece(of utf8: [UInt8], _ body: (ArraySlice<UInt8>) -> Void) {
        guard !utf8.isEmpty else { return }
        // A prefix space makes a new text, so pieces say which text they index.
        var texts = [ScalarText(utf8: utf8)]
        var pieces = [Piece(text: 0, range: 0..<texts[0].count)]
        var matches: [Range<Int>] = []
        for step in steps {
            var next: [Piece] = []
            next.reserveCapacity(pieces.count)
            for piece in pieces {
                var current = piece
                let text = texts[current.text]
                switch step {
                case .split(let pattern, let behavior, let invert):
                    matches.removeAll(keepingCapacity: true)
                    pattern.appendMatches(in: text, range: current.range, to: &matches)
                    for range in behavior.pieces(of: current.range, matches: matches, invert: invert) {
                        next.append(Piece(text: current.text, range: range))
                    }
                case .digits(let individual):
                    for range in PreTokenizer.digitPieces(of: text, range: current.range, individual: individual) {
                        next.append(Piece(text: current.text, range: range))
                    }
                case .byteLevel(let addPrefixSpace, let useRegex):
                    if addPrefixSpace && !current.range.isEmpty && text.scalars[current.range.lowerBound] != 0x20 {
                        texts.append(ScalarText(utf8: [0x20] + text.bytes(current.range)))
                        current = Piece(text: texts.count - 1, range: 0..<texts[texts.count - 1].count)
                    }
                    if useRegex {
                        matches.removeAll(keepingCapacity: true)
                        SplitPattern.gpt2.appendMatches(in: texts[current.text], range: current.range, to: &matches)
                        for range in matches { next.append(Piece(text: current.text, range: range)) }
                    } else {
                        next.append(current)
                    }
                }
            }
            pieces = next
        }
        for piece in pieces where !piece.range.isEmpty {
            body(texts[piece.text].bytes(piece.range))
        }
    }

    /// The Digits pre-tokenizer on `range`: numeric scalars isolated one by one when
    /// `individual`, else in contiguous runs; the text between them as pieces of its own.
    private static func digitPieces(of text: ScalarText, range: Range<Int>, individual: Bool) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = range.lowerBound
        var i = range.lowerBound
        while i < range.upperBound {
            if text.classes[i].contains(.number) {
                if start < i { result.append(start..<i) }
                var j = i + 1
                if !individual {
                    while j < range.upperBound && text.classes[j].contains(.number) { j += 1 }
                }
                result.append(i..<j)
                i = j
                start = j
            } else {
                i += 1
            }
        }
        if start < range.upperBound { result.append(start..<range.upperBound) }
        return result
    }
}
