/// The character classes the pre-tokenizer patterns test: `\p{L}`, `\p{N}`, `\s` and `[\r\n]`.
struct ScalarClass: OptionSet, Sendable {
    let rawValue: UInt8

    /// General category L (Lu, Ll, Lt, Lm, Lo).
    static let letter = ScalarClass(rawValue: 1)
    /// General category N (Nd, Nl, No); also what Rust's `char::is_numeric` accepts.
    static let number = ScalarClass(rawValue: 2)
    /// The White_Space property, which is what `\s` matches in Oniguruma and Rust regex.
    static let whitespace = ScalarClass(rawValue: 4)
    /// Carriage return or line feed, the only scalars in the patterns' `[\r\n]`.
    static let newline = ScalarClass(rawValue: 8)

    /// Neither whitespace, letter nor number: the patterns' `[^\s\p{L}\p{N}]`.
    var isOther: Bool { rawValue & 7 == 0 }

    /// The class of a scalar value.
    static func of(_ value: UInt32) -> ScalarClass {
        if value < 128 { return asciiTable[Int(value)] }
        guard let scalar = Unicode.Scalar(value) else { return [] }
        var result: ScalarClass = scalar.properties.isWhitespace ? .whitespace : []
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            result.insert(.letter)
        case .decimalNumber, .letterNumber, .otherNumber:
            result.insert(.number)
        default:
            break
        }
        return result
    }

    private static let asciiTable: [ScalarClass] = (0..<128).map { value -> ScalarClass in
        switch value {
        case 0x0A, 0x0D: return [.whitespace, .newline]
        case 0x09, 0x0B, 0x0C, 0x20: return .whitespace
        case 0x30...0x39: return .number
        case 0x41...0x5A, 0x61...0x7A: return .letter
        default: return []
        }
    }
}
