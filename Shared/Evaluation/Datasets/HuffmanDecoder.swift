/// A canonical Huffman code given by its code lengths, decoded bit by bit as RFC 1951 section 3.2.2 defines it.
struct HuffmanDecoder {
    /// How many codes have each length 0...15.
    private var lengthCounts = [Int](repeating: 0, count: 16)
    /// Symbols ordered by code length, then by symbol value: the canonical order.
    private var symbols: [Int] = []

    /// Builds the code; an over-subscribed set of lengths is rejected, an incomplete one is allowed (as zlib allows for distance codes).
    init(codeLengths: [Int]) throws {
        for length in codeLengths {
            guard (0...15).contains(length) else { throw DeflateError.invalidHuffmanCode("code length \(length)") }
            lengthCounts[length] += 1
        }
        var left = 1
        for length in 1...15 {
            left = left * 2 - lengthCounts[length]
            if left < 0 { throw DeflateError.invalidHuffmanCode("over-subscribed lengths") }
        }
        var offsets = [Int](repeating: 0, count: 16)
        for length in 1..<15 { offsets[length + 1] = offsets[length] + lengthCounts[length] }
        symbols = [Int](repeating: 0, count: codeLengths.count - lengthCounts[0])
        for (symbol, length) in codeLengths.enumerated() where length != 0 {
            symbols[offsets[length]] = symbol
            offsets[length] += 1
        }
    }

    /// Reads one symbol; bound by one bit read per code bit, fine for dataset files of a few megabytes.
    func decode(_ bits: inout DeflateBitReader) throws -> Int {
        var code = 0, first = 0, index = 0
        for length in 1...15 {
            code |= try bits.read(1)
            let count = lengthCounts[length]
            if code - first < count { return symbols[index + code - first] }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        throw DeflateError.invalidHuffmanCode("no symbol matches the input bits")
    }
}
