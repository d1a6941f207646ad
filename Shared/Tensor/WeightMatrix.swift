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
    /// A low-rank term added to every product with this matrix (W + scale · B · A), kept apart from
    /// the encoded bytes: an adapter served over a quantized base without re-encoding it. Set with
    /// `adding(_:)`; nil for a plain matrix.
    public private(set) var lowRank: LowRankDelta?

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
        self.lowRank = nil
    }

    /// This matrix with `delta` added to its products (replacing any earlier one); throws when its
    /// shape does not fit.
    public func adding(_ delta: LowRankDelta) throws -> WeightMatrix {
        guard delta.rows == rows, delta.cols == cols else {
            throw TensorError.invalidShape("a low-rank term of [\(delta.rows), \(delta.cols)] does not fit a [\(rows), \(cols)] matrix")
        }
        var copy = self
        copy.lowRank = delta
        return copy
    }
}

/// scale · B · A for a [rows, cols] weight: A is [rank, cols] and B [rows, rank], both Float32
/// row-major (LoRA's lora_A and lora_B with its scaling).
public struct LowRankDelta: Sendable {
    /// Output features of the weight it adds to.
    public let rows: Int
    /// Input features of the weight it adds to.
    public let cols: Int
    /// The inner dimension r.
    public let rank: Int
    /// The factor on B · A (LoRA's alpha / r, or alpha / sqrt(r) with rsLoRA).
    public let scale: Float
    /// A, [rank, cols] row-major.
    public let a: [Float]
    /// B, [rows, rank] row-major.
    public let b: [Float]

    /// Checks that `a` holds rank x cols values and `b` rows x rank.
    public init(a: [Float], b: [Float], rows: Int, cols: Int, rank: Int, scale: Float) throws {
        guard rank > 0, a.count == rank * cols, b.count == rows * rank else {
            throw TensorError.invalidShape("a low-rank term of rank \(rank) for [\(rows), \(cols)] needs A of \(rank * cols) "
                                           + "and B of \(rows * rank) values, got \(a.count) and \(b.count)")
        }
        self.rows = rows
        self.cols = cols
        self.rank = rank
        self.scale = scale
        self.a = a
        self.b = b
    }

    /// y[batch, rows] += scale · (x[batch, cols] · Aᵀ) · Bᵀ: two small sgemms through a [batch, rank] buffer.
    public func addProduct(_ x: UnsafePointer<Float>, batch: Int, into y: UnsafeMutablePointer<Float>) {
        guard batch > 0 else { return }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: batch * rank) { t in
            a.withUnsafeBufferPointer { a in
                BLAS.sgemm(transA: false, transB: true, m: batch, n: rank, k: cols, alpha: 1, a: x, lda: cols,
                           b: a.baseAddress!, ldb: cols, beta: 0, c: t.baseAddress!, ldc: rank)
            }
            b.withUnsafeBufferPointer { b in
                BLAS.sgemm(transA: false, transB: true, m: batch, n: rows, k: rank, alpha: scale, a: t.baseAddress!, lda: rank,
                           b: b.baseAddress!, ldb: rank, beta: 1, c: y, ldc: rows)
            }
        }
    }

    /// scale · B · A as [rows, cols] row-major values.
    public func dense() -> [Float] {
        var out = [Float](repeating: 0, count: rows * cols)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { c in
                    BLAS.sgemm(transA: false, transB: false, m: rows, n: cols, k: rank, alpha: scale, a: b.baseAddress!, lda: rank,
                               b: a.baseAddress!, ldb: cols, beta: 0, c: c.baseAddress!, ldc: cols)
                }
            }
        }
        return out
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
