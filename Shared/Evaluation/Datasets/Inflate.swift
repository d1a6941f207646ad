/// A DEFLATE (RFC 1951) decoder written in Swift, so reading `.gz` datasets needs no zlib binding.
public enum Inflate {
    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                     35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                      3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                       257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
                                       8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// The order in which code-length code lengths are sent (RFC 1951 section 3.2.7).
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Decodes a raw DEFLATE stream.
    public static func decompress(_ data: [UInt8]) throws -> [UInt8] {
        var bits = DeflateBitReader(data)
        var output: [UInt8] = []
        try decompress(&bits, into: &output)
        return output
    }

    /// Decodes one DEFLATE stream from `bits`, leaving the reader at the first byte after it.
    static func decompress(_ bits: inout DeflateBitReader, into output: inout [UInt8]) throws {
        var isLast = false
        while !isLast {
            isLast = try bits.read(1) == 1
            switch try bits.read(2) {
            case 0:
                bits.alignToByte()
                let header = try bits.readBytes(4)
                let length = Int(header[header.startIndex]) | Int(header[header.startIndex + 1]) << 8
                let complement = Int(header[header.startIndex + 2]) | Int(header[header.startIndex + 3]) << 8
                guard length == (~complement & 0xFFFF) else { throw DeflateError.storedLengthMismatch }
                output.append(contentsOf: try bits.readBytes(length))
            case 1:
                try inflateBlock(&bits, literals: fixedLiteralCode, distances: fixedDistanceCode, into: &output)
            case 2:
                let (literals, distances) = try readDynamicCodes(&bits)
                try inflateBlock(&bits, literals: literals, distances: distances, into: &output)
            default:
                throw DeflateError.invalidBlockType
            }
        }
        bits.alignToByte()
    }

    private static let fixedLiteralCode: HuffmanDecoder? = {
        var lengths = [Int](repeating: 8, count: 288)
        for i in 144..<256 { lengths[i] = 9 }
        for i in 256..<280 { lengths[i] = 7 }
        return try? HuffmanDecoder(codeLengths: lengths)
    }()

    private static let fixedDistanceCode: HuffmanDecoder? = try? HuffmanDecoder(codeLengths: [Int](repeating: 5, count: 30))

    private static func readDynamicCodes(_ bits: inout DeflateBitReader) throws -> (HuffmanDecoder, HuffmanDecoder) {
        let literalCount = try bits.read(5) + 257
        let distanceCount = try bits.read(5) + 1
        let codeLengthCount = try bits.read(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw DeflateError.invalidHuffmanCode("too many literal or distance codes")
        }
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for i in 0..<codeLengthCount { codeLengthLengths[codeLengthOrder[i]] = try bits.read(3) }
        let codeLengthCode = try HuffmanDecoder(codeLengths: codeLengthLengths)

        var lengths: [Int] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try codeLengthCode.decode(&bits)
            switch symbol {
            case 0...15:
                lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw DeflateError.invalidHuffmanCode("repeat with no previous length") }
                lengths.append(contentsOf: repeatElement(previous, count: 3 + (try bits.read(2))))
            case 17:
                lengths.append(contentsOf: repeatElement(0, count: 3 + (try bits.read(3))))
            default:
                lengths.append(contentsOf: repeatElement(0, count: 11 + (try bits.read(7))))
            }
        }
        guard lengths.count == literalCount + distanceCount else {
            throw DeflateError.invalidHuffmanCode("code lengths overrun the declared count")
        }
        guard lengths[256] != 0 else { throw DeflateError.invalidHuffmanCode("no end-of-block code") }
        return (try HuffmanDecoder(codeLengths: Array(lengths[0..<literalCount])),
                try HuffmanDecoder(codeLengths: Array(lengths[literalCount...])))
    }

    private static func inflateBlock(_ bits: inout DeflateBitReader, literals: HuffmanDecoder?,
                                     distances: HuffmanDecoder?, into output: inout [UInt8]) throws {
        guard let literals, let distances else { throw DeflateError.invalidHuffmanCode("fixed code unavailable") }
        while true {
            let symbol = try literals.decode(&bits)
            if symbol < 256 {
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < lengthBase.count else { throw DeflateError.invalidHuffmanCode("length symbol \(symbol)") }
            let length = lengthBase[lengthIndex] + (try bits.read(lengthExtra[lengthIndex]))
            let distanceSymbol = try distances.decode(&bits)
            guard distanceSymbol < distanceBase.count else {
                throw DeflateError.invalidHuffmanCode("distance symbol \(distanceSymbol)")
            }
            let distance = distanceBase[distanceSymbol] + (try bits.read(distanceExtra[distanceSymbol]))
            guard distance <= output.count else {
                throw DeflateError.distanceTooFar(distance: distance, available: output.count)
            }
            // Byte by byte on purpose: a copy may overlap the bytes it produces (distance < length).
            let start = output.count - distance
            for offset in 0..<length { output.append(output[start + offset]) }
        }
    }
}
