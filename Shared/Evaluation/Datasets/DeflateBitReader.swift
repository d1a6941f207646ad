/// Reads DEFLATE's bit stream: least significant bit of each byte first.
struct DeflateBitReader {
    private let bytes: [UInt8]
    /// The next byte to load into the bit buffer.
    private(set) var position: Int
    private var buffer: UInt64 = 0
    private var bufferedBits = 0

    init(_ bytes: [UInt8], position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    /// Reads `count` (0...32) bits as an integer, first bit in the lowest place.
    mutating func read(_ count: Int) throws -> Int {
        while bufferedBits < count {
            guard position < bytes.count else { throw DeflateError.truncated }
            buffer |= UInt64(bytes[position]) << UInt64(bufferedBits)
            position += 1
            bufferedBits += 8
        }
        let value = Int(buffer & ((1 << UInt64(count)) - 1))
        buffer >>= UInt64(count)
        bufferedBits -= count
        return value
    }

    /// Drops the bits left in the current byte, as stored blocks and the end of a stream require.
    mutating func alignToByte() {
        let drop = bufferedBits % 8
        buffer >>= UInt64(drop)
        bufferedBits -= drop
    }

    /// Takes `count` whole bytes after `alignToByte()`, handing back buffered ones first.
    mutating func readBytes(_ count: Int) throws -> ArraySlice<UInt8> {
        // Whole bytes still in the buffer go back to the byte stream.
        position -= bufferedBits / 8
        buffer = 0
        bufferedBits = 0
        guard count >= 0, position + count <= bytes.count else { throw DeflateError.truncated }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    /// The index of the first byte not consumed, once aligned.
    var bytePosition: Int { position - bufferedBits / 8 }
}
