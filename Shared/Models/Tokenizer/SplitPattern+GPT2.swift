extension SplitPattern {
    /// The length of GPT-2's match at `i`:
    /// `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`.
    func gpt2MatchLength(in text: ScalarText, at i: Int, end: Int) -> Int {
        let scalars = text.scalars
        let classes = text.classes
        let space: UInt32 = 0x20
        if scalars[i] == 0x27, i + 1 < end, let length = SplitPattern.contractionLength(text, at: i, end: end, ignoringCase: false) {
            return length
        }
        // ` ?\p{L}+`, ` ?\p{N}+` and ` ?[^\s\p{L}\p{N}]+` share their optional leading space,
        // and a scalar belongs to at most one of the three classes.
        let first = scalars[i] == space && i + 1 < end ? i + 1 : i
        let kind = classes[first]
        if kind.contains(.letter) {
            return SplitPattern.runEnd(in: text, from: first, end: end) { $0.contains(.letter) } - i
        }
        if kind.contains(.number) {
            return SplitPattern.runEnd(in: text, from: first, end: end) { $0.contains(.number) } - i
        }
        if kind.isOther {
            return SplitPattern.runEnd(in: text, from: first, end: end) { $0.isOther } - i
        }
        return SplitPattern.whitespaceMatchLength(in: text, at: i, end: end)
    }

    /// The length of a contraction (`'s`, `'t`, `'re`, `'ve`, `'m`, `'ll`, `'d`) at the
    /// apostrophe at `i`, or nil; `ignoringCase` folds ASCII case only, as the real
    /// tokenizers do (no Unicode folding such as U+017F to s was observed).
    static func contractionLength(_ text: ScalarText, at i: Int, end: Int, ignoringCase: Bool) -> Int? {
        func letter(_ k: Int) -> UInt32? {
            guard k < end else { return nil }
            let value = text.scalars[k]
            if ignoringCase && (0x41...0x5A).contains(value) { return value + 0x20 }
            return value
        }
        switch letter(i + 1) {
        case 0x73, 0x74, 0x6D, 0x64: return 2  // s t m d
        case 0x72, 0x76: return letter(i + 2) == 0x65 ? 3 : nil  // re ve
        case 0x6C: return letter(i + 2) == 0x6C ? 3 : nil  // ll
        default: return nil
        }
    }
}
