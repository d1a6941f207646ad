import Tensor

/// One tensor listed in a GGUF file: name, dimensions, GGML type and where its bytes are.
public struct GGUFTensorInfo: Sendable, Equatable {
    /// The tensor's name ("blk.0.attn_q.weight").
    public let name: String
    /// GGML's ne[]: dimensions innermost first, so a linear weight is [in, out] and ne[0] is the row length.
    public let dimensions: [Int]
    /// The GGML type's storage layout.
    public let layout: GGMLTypeLayout
    /// The type as a `DType` when the engine computes with it, else nil.
    public let dtype: DType?
    /// Offset from the start of the data section, as written in the file.
    public let offset: Int
    /// The byte range within the whole file.
    public let fileRange: Range<Int>

    /// Number of elements, the product of `dimensions`.
    public var elementCount: Int { dimensions.reduce(1, *) }
    /// Number of bytes the tensor's data occupies.
    public var byteCount: Int { fileRange.count }
    /// Elements per row (ne[0]).
    public var rowLength: Int { dimensions.first ?? 1 }
    /// Number of rows: the product of every dimension after the first.
    public var rowCount: Int { dimensions.dropFirst().reduce(1, *) }
}
