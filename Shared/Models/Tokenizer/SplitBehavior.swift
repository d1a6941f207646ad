/// What a Split pre-tokenizer does with its matches (Hugging Face's `SplitDelimiterBehavior`).
enum SplitBehavior: String, Sendable {
    /// Matches and the text between them each become pieces.
    case isolated = "Isolated"
    /// Matches are dropped; the text between them stays.
    case removed = "Removed"
    /// Each match joins the piece before it.
    case mergedWithPrevious = "MergedWithPrevious"
    /// Each match joins the piece after it.
    case mergedWithNext = "MergedWithNext"
    /// Adjacent matches join into one piece.
    case contiguous = "Contiguous"

    /// The pieces of `range` given the pattern's `matches` inside it (sorted, disjoint);
    /// `invert` swaps the roles of matches and the text between them.
    func pieces(of range: Range<Int>, matches: [Range<Int>], invert: Bool) -> [Range<Int>] {
        var marked: [(range: Range<Int>, isMatch: Bool)] = []
        marked.reserveCapacity(matches.count * 2 + 1)
        var cursor = range.lowerBound
        for match in matches where !match.isEmpty {
            if match.lowerBound > cursor { marked.append((cursor..<match.lowerBound, invert)) }
            marked.append((match, !invert))
            cursor = match.upperBound
        }
        if cursor < range.upperBound { marked.append((cursor..<range.upperBound, invert)) }

        var result: [Range<Int>] = []
        result.reserveCapacity(marked.count)
        var previousWasMatch = false
        switch self {
        case .isolated:
            result = marked.map(\.range)
        case .removed:
            result = marked.filter { !$0.isMatch }.map(\.range)
        case .mergedWithPrevious:
            for piece in marked {
                if piece.isMatch && !previousWasMatch, let last = result.last {
                    result[result.count - 1] = last.lowerBound..<piece.range.upperBound
                } else {
                    result.append(piece.range)
                }
                previousWasMatch = piece.isMatch
            }
        case .mergedWithNext:
            for piece in marked.reversed() {
                if piece.isMatch && !previousWasMatch, let last = result.last {
                    result[result.count - 1] = piece.range.lowerBound..<last.upperBound
                } else {
                    result.append(piece.range)
                }
                previousWasMatch = piece.isMatch
            }
            result.reverse()
        case .contiguous:
            for piece in marked {
                if piece.isMatch && previousWasMatch, let last = result.last {
                    result[result.count - 1] = last.lowerBound..<piece.range.upperBound
                } else {
                    result.append(piece.range)
                }
                previousWasMatch = piece.isMatch
            }
        }
        return result
    }
}
