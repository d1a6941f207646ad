/// A bounds-checked little-endian reader over a mapped file, used by the GGUF parser.
///
/// Every read checks the remaining length first, so a truncated or lying file ends in a
/// `.truncated` error instead of a read past the mapping.
struct CheckpointCursor {
    let file: MappedFile
    private(set) var offset: Int
    /// The tensor being parsed, so errors name it.
    var tensor: String?

    init(file: MappedFile, offset: Int = 0) {
        self.file = file
        self.offset = offset
    }

    /// Bytes left between the cursor and the end of the file.
    var remaining: Int { file.count - offset }

    mutating func take(_ length: Int, _ what: @autoclosure () -> String) throws -> UnsafeRawBufferPointer {
        let bytes = try file.bytes(at: offset, count: length, what: what(), tensor: tensor)
        offset += length
        return bytes
    }

    mutating func readInteger<T: FixedWidthInteger>(_: T.Type, _ what: @autoclosure () -> String) throws -> T {
        let bytes = try take(MemoryLayout<T>.size, what())
        return T(littleEndian: bytes.loadUnaligned(as: T.self))
    }

    mutating func readUInt8(_ what: @autoclosure () -> String) throws -> UInt8 { try readInteger(UInt8.self, what()) }
    mutating func readUInt32(_ what: @autoclosure () -> String) throws -> UInt32 { try readInteger(UInt32.self, what()) }
    mutating func readUInt64(_ what: @autoclosure () -> String) throws -> UInt64 { try readInteger(UInt64.self, what()) }

    mutating func readFloat32(_ what: @autoclosure () -> String) throws -> Float {
        Float(bitPattern: try readUInt32(what()))
    }

    mutating func readFloat64(_ what: @autoclosure () -> String) throws -> Double {
        Double(bitPattern: try readUInt64(what()))
    }

    /// A count that must fit what is left of the file, given each item needs at least `minimumItemBytes`.
    mutating func readCount(_ what: @autoclosure () -> String, minimumItemBytes: Int) throws -> Int {
        let name = what()
        let raw = try readUInt64(name)
        let limit = UInt64(remaining / max(minimumItemBytes, 1))
        guard raw <= limit else {
            throw CheckpointError(.limitExceeded, file: file.path, tensor: tensor,
                                  "\(name) is \(raw), but only \(remaining) bytes remain in the file")
        }
        return Int(raw)
    }

    /// A u64-length-prefixed UTF-8 string; invalid UTF-8 is an `.invalidName` error.
    mutating func readString(_ what: @autoclosure () -> String) throws -> String {
        let name = what()
        let length = try readCount("length of \(name)", minimumItemBytes: 1)
        let bytes = try take(length, name)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CheckpointError(.invalidName, file: file.path, tensor: tensor,
                                  "\(name) at byte \(offset - length) is not valid UTF-8")
        }
        return text
    }
}
