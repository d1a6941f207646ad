import Tensor

/// One tensor listed in a safetensors header: its name, element type, shape and where its bytes are.
public struct SafetensorsTensor: Sendable, Equatable {
    /// The tensor's name as written in the header.
    public let name: String
    /// The header's dtype string ("F32", "BF16", "I64", ...).
    public let dtypeName: String
    /// The element type when it is one the engine computes with (F32, F16, BF16), else nil.
    public let dtype: DType?
    /// Dimensions, outermost first (PyTorch order: a linear weight is [out, in]).
    public let shape: [Int]
    /// The byte range within the whole file (the header's data_offsets shifted past the header).
    public let fileRange: Range<Int>

    /// Number of elements, the product of `shape` (1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }
    /// Number of bytes the tensor's data occupies.
    public var byteCount: Int { fileRange.count }
}
