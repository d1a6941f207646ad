/// GPT-2's byte-to-character table (the published `bytes_to_unicode`), which spells every
/// byte-level token as printable text in vocab.json, merges.txt and tokenizer.json.
///
/// Models keeps the same table internal (`ByteLevelAlphabet`); tests check that the two agree
/// by loading what this module writes into `BPETokenizer`.
enum ByteLevelSymbols {
    /// The scalar value standing for each byte: printable Latin-1 bytes stand for themselves,
    /// the other 68 bytes for U+0100 onwards in byte order.
    static let scalarValueForByte: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        var next: UInt32 = 256
        for byte in 0..<256 {
            let printable = (0x21...0x7E).contains(byte) || (0xA1...0xAC).contains(byte) || (0xAE...0xFF).contains(byte)
            if printable {
                table[byte] = UInt32(byte)
            } else {
                table[byte] = next
                next += 1
            }
        }
        return table
    }()

    /// The 256 bytes ordered by the value of the scalar standing for them, which is the order in
    /// which Hugging Face's trainer numbers its initial alphabet (it sorts characters).
    static let bytesInAlphabetOrder: [UInt8] = (0..<256).map { UInt8($0) }
        .sorted { scalarValueForByte[Int($0)] < scalarValueForByte[Int($1)] }

    /// The token string spelling `bytes`.
    static func token(for bytes: some Sequence<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            // Every table entry is below U+0144, so the scalar always exists.
            scalars.append(Unicode.Scalar(scalarValueForByte[Int(byte)]) ?? " ")
        }
        return String(scalars)
    }
}
