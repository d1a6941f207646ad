extension SplitPattern {
    /// The length of the LLaMA-3 / Qwen2 match at `i`:
    /// `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,maxDigits}|
    ///  ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`.
    func llama3MatchLength(in text: ScalarText, at i: Int, end: Int, maxDigits: Int) -> Int {
        let scalars = text.scalars
        let classes = text.classes
        let here = classes[i]
        if scalars[i] == 0x27, let length = SplitPattern.contractionLength(text, at: i, end: end, ignoringCase: true) {
            return length
        }
        // `[^\r\n\p{L}\p{N}]?\p{L}+`: any one non-letter, non-number, non-newline may lead a word.
        let isLetter = { (c: ScalarClass) in c.contains(.letter) }
        if here.intersection([.letter, .number, .newline]).isEmpty, i + 1 < end, isLetter(classes[i + 1]) {
            return SplitPattern.runEnd(in: text, from: i + 1, end: end, while: isLetter) - i
        }
        if isLetter(here) {
            return SplitPattern.runEnd(in: text, from: i, end: end, while: isLetter) - i
        }
        if here.contains(.number) {
            let digitsEnd = SplitPattern.runEnd(in: text, from: i, end: min(end, i + maxDigits)) { $0.contains(.number) }
            return digitsEnd - i
        }
        // ` ?[^\s\p{L}\p{N}]+[\r\n]*`
        let first = scalars[i] == 0x20 && i + 1 < end && classes[i + 1].isOther ? i + 1 : i
        if classes[first].isOther {
            let symbolsEnd = SplitPattern.runEnd(in: text, from: first, end: end) { $0.isOther }
            return SplitPattern.runEnd(in: text, from: symbolsEnd, end: end) { $0.contains(.newline) } - i
        }
        // `\s*[\r\n]+`: backtracking leaves the match ending just after the run's last newline.
        let runEnd = SplitPattern.runEnd(in: text, from: i, end: end) { $0.contains(.whitespace) }
        var k = runEnd
        while k > i {
            if classes[k - 1].contains(.newline) { return k - i }
            k -= 1
        }
        return SplitPattern.whitespaceMatchLength(in: text, at: i, end: end)
    }
}
