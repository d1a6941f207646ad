/// The element encodings a weight can be stored in: plain floats and GGUF's block-quantized layouts.
///
/// Raw values are GGML's type ids as written in GGUF tensor infos, so a GGUF reader maps
/// them directly and a writer emits them unchanged.
public enum DType: UInt32, Sendable, CaseIterable, CustomStringConvertible {
    case f32 = 0
    case f16 = 1
    case q4_0 = 2
    case q5_0 = 6
    case q8_0 = 8
    case q4_K = 12
    case q6_K = 14
    case bf16 = 30

    /// Elements per block: 1 for plain floats, 32 for the legacy quants, 256 for the K-quants.
    public var blockElements: Int {
        switch self {
        case .f32, .f16, .bf16: return 1
        case .q4_0, .q5_0, .q8_0: return 32
        case .q4_K, .q6_K: return 256
        }
    }

    /// Bytes one block occupies on disk and in memory (GGML's layouts, no padding).
    public var blockBytes: Int {
        switch self {
        case .f32: return 4
        case .f16, .bf16: return 2
        case .q4_0: return 18   // f16 d, 16 bytes of nibbles
        case .q5_0: return 22   // f16 d, 4 bytes of high bits, 16 bytes of nibbles
        case .q8_0: return 34   // f16 d, 32 int8
        case .q4_K: return 144  // f16 d, f16 dmin, 12 bytes of 6-bit scales/mins, 128 bytes of nibbles
        case .q6_K: return 210  // 128 bytes low nibbles, 64 bytes high 2-bit, 16 int8 scales, f16 d
        }
    }

    /// True for the block-quantized layouts.
    public var isQuantized: Bool { blockElements > 1 }

    /// Bytes needed for `count` elements, or nil when `count` is not a whole number of blocks
    /// (or the product overflows): the check every loader makes before trusting a size.
    public func byteCount(elements count: Int) -> Int? {
        guard count >= 0, count % blockElements == 0 else { return nil }
        let (bytes, overflow) = (count / blockElements).multipliedReportingOverflow(by: blockBytes)
        return overflow ? nil : bytes
    }

    /// GGML's spelling of the type ("q4_K", "f16"), as llama.cpp prints it.
    public var description: String {
        switch self {
        case .f32: return "f32"
        case .f16: return "f16"
        case .bf16: return "bf16"
        case .q4_0: return "q4_0"
        case .q5_0: return "q5_0"
        case .q8_0: return "q8_0"
        case .q4_K: return "q4_K"
        case .q6_K: return "q6_K"
        }
    }
}
