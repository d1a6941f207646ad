/// Why a gzip or DEFLATE stream could not be decoded.
public enum DeflateError: Error, Equatable, CustomStringConvertible {
    /// The data ended in the middle of a block or header.
    case truncated
    /// A block header names the reserved block type 3.
    case invalidBlockType
    /// A stored block's length and its complement disagree.
    case storedLengthMismatch
    /// The code lengths do not form a usable Huffman code.
    case invalidHuffmanCode(String)
    /// A back-reference reaches before the start of the output.
    case distanceTooFar(distance: Int, available: Int)
    /// The gzip magic bytes or compression method are wrong.
    case notGzip
    /// The trailer's CRC-32 or length does not match what was decoded.
    case checksumMismatch

    /// A message a user can act on.
    public var description: String {
        switch self {
        case .truncated: return "compressed data ends early (truncated file?)"
        case .invalidBlockType: return "DEFLATE block uses the reserved type 3"
        case .storedLengthMismatch: return "DEFLATE stored block length does not match its complement"
        case .invalidHuffmanCode(let why): return "DEFLATE Huffman code is invalid: \(why)"
        case .distanceTooFar(let distance, let available):
            return "DEFLATE back-reference distance \(distance) exceeds the \(available) bytes decoded so far"
        case .notGzip: return "not a gzip stream (bad magic bytes or method)"
        case .checksumMismatch: return "gzip CRC-32 or length check failed (corrupt file?)"
        }
    }
}
