/// A pre-tokenizer regex this tokenizer knows, implemented as a hand-written scanner.
///
/// Tokenizer files give the pattern as a regex string; only the patterns below are recognised
/// (exactly as the model families ship them), because each is matched by code written for it
/// rather than by a general regex engine.
enum SplitPattern: Sendable, Equatable {
    /// GPT-2's pattern, also the implicit one of a ByteLevel pre-tokenizer with `use_regex`.
    case gpt2
    /// The LLaMA-3 / Qwen2 pattern; `maxDigits` is 1 for Qwen2 (`\p{N}`) and 3 for LLaMA-3 (`\p{N}{1,3}`).
    case llama3(maxDigits: Int)

    /// GPT-2's regex, as tokenizer.json files spell it.
    static let gpt2Regex = #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#
    /// Qwen2's regex, as tokenizer.json files spell it.
    static let qwen2Regex = #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
    /// LLaMA-3's regex, as tokenizer.json files spell it.
    static let llama3Regex = #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#

    /// The pattern a regex string spells, or nil when it is not one of the known patterns.
    init?(regex: String) {
        switch regex {
        case SplitPattern.gpt2Regex: self = .gpt2
        case SplitPattern.qwen2Regex: self = .llama3(maxDigits: 1)
        case SplitPattern.llama3Regex: self = .llama3(maxDigits: 3)
        default: return nil
        }
    }

    /// Appends to `matches` the successive matches of the pattern in `range` of `text`, as a
    /// regex `find_iter` would give them (scalar index ranges, in order, never overlapping).
    func appendMatches(in text: ScalarText, range: Range<Int>, to matches: inout [Range<Int>]) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let length: Int
            switch self {
            case .gpt2: length = gpt2MatchLength(in: text, at: i, end: end)
            case .llama3(let maxDigits): length = llama3MatchLength(in: text, at: i, end: end, maxDigits: maxDigits)
            }
            // Every scalar is a letter, number, whitespace or other, so some alternative always
            // matches; the guard only keeps a future pattern bug from looping forever.
            let step = max(length, 1)
            matches.append(i..<(i + step))
            i += step
        }
    }

    /// The index just past the run of scalars from `start` (before `end`) that satisfy `test`.
    static func runEnd(in text: ScalarText, from start: Int, end: Int, while test: (ScalarClass) -> Bool) -> Int {
        var j = start
        while j < end && test(text.classes[j]) { j += 1 }
        return j
    }

    /// The length of `\s+(?!\S)|\s+` at `i`, which starts a whitespace run: the run, less its
    /// last scalar when a non-space follows, so that scalar can prefix the next word.
    static func whitespaceMatchLength(in text: ScalarText, at i: Int, end: Int) -> Int {
        let runEnd = runEnd(in: text, from: i, end: end) { $0.contains(.whitespace) }
        let run = runEnd - i
        if runEnd == end || run == 1 { return run }
        return run - 1
    }
}
