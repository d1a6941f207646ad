/// GPT-2's reversible mapping between bytes and printable Unicode scalars, used by byte-level BPE.
///
/// Printable Latin-1 bytes map to themselves; the other 68 bytes map, in byte order, to
/// U+0100 onwards, so every token string of a byte-level vocabulary spells a byte sequence.
enum ByteLevelAlphabet {
    /// The scalar standing for each byte.
    static let scalarForByte: [Unicode.Scalar] = {
        var table = [Unicode.Scalar](repeating: " ", count: 256)
        var next: UInt32 = 256
        for byte in 0..<256 {
            let printable = (0x21...0x7E).contains(byte) || (0xA1...0xAC).contains(byte) || (0xAE...0xFF).contains(byte)
            let value = printable ? UInt32(byte) : next
            if !printable { next += 1 }
            table[byte] = Unicode.Scalar(value) ?? " "
        }
        return table
    }()

    /// The byte each alphabet scalar stands for, indexed by scalar value; -1 outside the alphabet.
    static let byteForScalar: [Int16] = {
        var table = [Int16](repeating: -1, count: 324)
        for (byte, scalar) in scalarForByte.enumerated() {
            table[Int(scalar.value)] = Int16(byte)
        }
        return table
    }()

    /// The token string spelling `bytes` in the alphabet.
    static func token(for bytes: some Sequence<UInt8>) -> String {
        var result = String.UnicodeScalarView()
        for byte in bytes { result.append(scalarForByte[Int(byte)]) }
        return String(result)
    }

    /// The bytes a token string spells, or nil when a scalar lies outside the alphabet.
    static func bytes(of token: String) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(token.unicodeScalars.count)
        for scalar in token.unicodeScalars {
            let value = Int(scalar.value)
            guard value < byteForScalar.count, byteForScalar[value] >= 0 else { return nil }
            result.append(UInt8(byteForScalar[value]))
        }
        return result
    }

    /// The bytes a decoder emits for a token: its alphabet bytes, or its own UTF-8 when it is
    /// not spelled in the alphabet (as Hugging Face's ByteLevel decoder does for added tokens).
    static func decodedBytes(of token: String) -> [UInt8] {
        bytes(of: token) ?? Array(token.utf8)
    }
}
