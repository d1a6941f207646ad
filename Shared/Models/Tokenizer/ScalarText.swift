/// A piece of UTF-8 text decoded once into scalars and their classes, so the pre-tokenizer's
/// scanners can look ahead by index and hand back byte ranges.
struct ScalarText {
    /// The text's UTF-8 bytes.
    let utf8: [UInt8]
    /// Each scalar's value.
    private(set) var scalars: [UInt32] = []
    /// Each scalar's class.
    private(set) var classes: [ScalarClass] = []
    /// Each scalar's first byte offset, plus the end offset (count + 1 entries).
    private(set) var byteStarts: [Int] = []

    /// Decodes `utf8`; a malformed byte counts as one scalar U+FFFD so nothing is lost.
    init(utf8: [UInt8]) {
        self.utf8 = utf8
        scalars.reserveCapacity(utf8.count)
        classes.reserveCapacity(utf8.count)
        byteStarts.reserveCapacity(utf8.count + 1)
        var i = 0
        let n = utf8.count
        while i < n {
            let (value, length) = ScalarText.decodeScalar(utf8, at: i)
            scalars.append(value)
            classes.append(ScalarClass.of(value))
            byteStarts.append(i)
            i += length
        }
        byteStarts.append(n)
    }

    /// The number of scalars.
    var count: Int { scalars.count }

    /// The UTF-8 bytes of the scalars in `range`.
    func bytes(_ range: Range<Int>) -> ArraySlice<UInt8> {
        utf8[byteStarts[range.lowerBound]..<byteStarts[range.upperBound]]
    }

    /// Decodes the scalar starting at byte `i` of `bytes`, with its length in bytes.
    static func decodeScalar(_ bytes: [UInt8], at i: Int) -> (UInt32, Int) {
        let lead = bytes[i]
        if lead < 0x80 { return (UInt32(lead), 1) }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return (0xFFFD, 1)
        }
        guard i + length <= bytes.count else { return (0xFFFD, 1) }
        for k in 1..<length {
            let byte = bytes[i + k]
            guard byte & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return (value, length)
    }
}
