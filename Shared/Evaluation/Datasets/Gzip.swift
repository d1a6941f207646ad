/// Reads gzip files (RFC 1952), all members concatenated, with their CRC-32 and length checked.
public enum Gzip {
    /// Whether `data` starts with gzip's magic bytes.
    public static func isGzip(_ data: [UInt8]) -> Bool {
        data.count >= 2 && data[0] == 0x1F && data[1] == 0x8B
    }

    /// Decompresses every member of a gzip stream.
    public static func decompress(_ data: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        var position = 0
        repeat {
            position = try decompressMember(data, at: position, into: &output)
        } while position < data.count && isGzip(Array(data[position..<min(position + 2, data.count)]))
        return output
    }

    private static func decompressMember(_ data: [UInt8], at start: Int, into output: inout [UInt8]) throws -> Int {
        guard data.count >= start + 18 else { throw DeflateError.truncated }
        guard data[start] == 0x1F, data[start + 1] == 0x8B, data[start + 2] == 8 else { throw DeflateError.notGzip }
        let flags = data[start + 3]
        var position = start + 10
        if flags & 0x04 != 0 {  // FEXTRA
            guard position + 2 <= data.count else { throw DeflateError.truncated }
            position += 2 + (Int(data[position]) | Int(data[position + 1]) << 8)
        }
        for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {  // FNAME, FCOMMENT: zero-terminated
            while position < data.count && data[position] != 0 { position += 1 }
            position += 1
        }
        if flags & 0x02 != 0 { position += 2 }  // FHCRC
        guard position < data.count else { throw DeflateError.truncated }

        let memberStart = output.count
        var bits = DeflateBitReader(data, position: position)
        try Inflate.decompress(&bits, into: &output)
        let trailer = bits.bytePosition
        guard trailer + 8 <= data.count else { throw DeflateError.truncated }
        let word = { (offset: Int) -> UInt32 in
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(data[trailer + offset + $1]) << UInt32(8 * $1) }
        }
        let produced = output[memberStart...]
        guard word(0) == CRC32.checksum(produced), word(4) == UInt32(truncatingIfNeeded: produced.count) else {
            throw DeflateError.checksumMismatch
        }
        return trailer + 8
    }
}
