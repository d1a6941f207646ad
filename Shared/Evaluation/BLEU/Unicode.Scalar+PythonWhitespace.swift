extension Unicode.Scalar {
    /// Whether Python's `str.isspace()` holds for this scalar, which is what `str.split()` and `str.rstrip()` break on.
    ///
    /// Swift's `Character.isWhitespace` differs (it omits U+001C...U+001F), so sacrebleu's token
    /// boundaries need Python's own list: the scalars of bidirectional class B, S or WS, or category Zs.
    var isPythonWhitespace: Bool {
        switch value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A,
             0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
}
