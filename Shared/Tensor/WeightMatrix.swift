/// A weight matrix of `rows` x `cols` elements in row-major order, stored in any `DType`.
///
/// A linear layer's weight is held as [outFeatures, inFeatures], the orientation of both
/// Hugging Face checkpoints and GGUF files, so `rows` is the output width. The bytes are
/// borrowed: from a memory-mapped checkpoint or from an allocation that `owner` keeps alive.
/// Quantized matrices stay quantized; kernels read their blocks directly.
public struct WeightMatrix: @unchecked Sendable {
    /// Output features (number of rows).
    public let rows: Int
    /// Input features (elements per row); a multiple of `dtype.blockElements`.
    public let cols: Int
    /// How each row's elements are encoded.
    public let dtype: DType
    /// The first byte of row 0; rows follow each other with no padding.
    public let bytes: UnsafeRawPointer
    /// Whatever keeps `bytes` valid (a mapped file, an owned buffer).
    public let owner: AnyObject?

    /// Bytes one row occupies.
    public var rowBytes: Int { cols / dtype.blockElements * dtype.blockBytes }

    /// Wraps `bytes` as a matrix, checking that a row is a whole number of blocks.
    public init(rows: Int, cols: Int, dtype: DType, bytes: UnsafeRawPointer, owner: AnyObject?) throws {
        guard rows > 0, cols > 0 else {
            throw TensorError.invalidShape("weight matrix must have positive dimensions, got [\(rows), \(cols)]")
        }
        guard cols % dtype.blockElements == 0 else {
            throw TensorError.invalidShape(
                "a row of \(cols) elements is not a whole number of \(dtype) blocks of \(dtype.blockElements)")
        }
        self.rows = rows
        self.cols = cols
        self.dtype = dtype
        self.bytes = bytes
        self.owner = owner
    }
}

/// Errors raised by tensor construction and kernels; the message says what was wrong.
public enum TensorError: Error, CustomStringConvertible, Equatable {
    case invalidShape(String)
    case unsupported(String)

    public var description: String {
        switch self {
        case .invalidShape(let m): return "invalid shape: \(m)"
        case .unsupported(let m): return "unsupported: \(m)"
        }
    }
}
