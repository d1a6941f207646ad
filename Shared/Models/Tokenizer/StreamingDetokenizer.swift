/// Turns ids into text as they are generated, holding back the bytes of a character split
/// across tokens until it is complete, so every piece of text it returns is final.
public struct StreamingDetokenizer: Sendable {
    private let tokenizer: BPETokenizer
    private let skipSpecialTokens: Bool
    private var pending: [UInt8] = []

    /// Creates a decoder for `tokenizer`'s ids.
    public init(tokenizer: BPETokenizer, skipSpecialTokens: Bool = false) {
        self.tokenizer = tokenizer
        self.skipSpecialTokens = skipSpecialTokens
    }

    /// Adds one id and returns the text that is now complete (possibly empty).
    public mutating func append(_ id: Int) -> String {
        pending.append(contentsOf: tokenizer.decodedBytes([id], skipSpecialTokens: skipSpecialTokens))
        let cut = StreamingDetokenizer.completePrefixLength(pending)
        guard cut > 0 else { return "" }
        let text = String(decoding: pending[..<cut], as: UTF8.self)
        pending.removeFirst(cut)
        return text
    }

    /// Returns whatever is held back, with U+FFFD for an unfinished character, and resets.
    public mutating func finish() -> String {
        defer { pending.removeAll() }
        return String(decoding: pending, as: UTF8.self)
    }

    /// The length of `bytes` without a trailing multi-byte sequence still waiting for bytes.
    static func completePrefixLength(_ bytes: [UInt8]) -> Int {
        var start = bytes.count - 1
        // A sequence is at most 4 bytes, so its lead is among the last 4.
        while start >= 0 && start >= bytes.count - 4 {
            let byte = bytes[start]
            if byte & 0xC0 != 0x80 {
                let needed: Int
                switch byte {
                case 0xC2...0xDF: needed = 2
                case 0xE0...0xEF: needed = 3
                case 0xF0...0xF4: needed = 4
                default: return bytes.count
                }
                return bytes.count - start < needed ? start : bytes.count
            }
            start -= 1
        }
        return bytes.count
    }
}
