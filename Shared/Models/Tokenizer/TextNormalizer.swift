import Foundation

/// The normalizer applied to text outside added tokens before pre-tokenization.
enum TextNormalizer: Sendable, Equatable {
    /// Text is used as given.
    case none
    /// Unicode canonical composition (NFC), as Qwen2's tokenizer.json asks.
    case nfc

    /// The normalized UTF-8 of `bytes` (which are valid UTF-8).
    func normalize(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        switch self {
        case .none:
            return Array(bytes)
        case .nfc:
            // Scalars below U+0300 are all NFC-stable and none of them composes with a
            // neighbour, so text made only of them (all ASCII and Latin-1) is already NFC.
            var simple = true
            for byte in bytes where byte >= 0xCC {
                simple = false
                break
            }
            if simple { return Array(bytes) }
            let text = String(decoding: bytes, as: UTF8.self)
            return Array(text.precomposedStringWithCanonicalMapping.utf8)
        }
    }

    /// The normalized form of an added token's content.
    func normalize(_ text: String) -> String {
        String(decoding: normalize(ArraySlice(text.utf8)), as: UTF8.self)
    }
}
