/// One instruction-set path's row-dot kernels for the quantized formats, chosen once at start-up.
///
/// Every kernel has the same shape: y[r] = W[r] · x for `rows` consecutive rows starting at
/// `weights` (`rowBytes` apart, `cols` elements each), against an activation quantized to
/// bytes (`xq`), its scales (`xd`) and its partial sums (`xsums`: d·Σq per block as Float for
/// the 32-element formats, Σq per 16 elements as Int16 for the K formats). The kernels are stateless
/// functions, which is why sharing them across threads is safe.
struct QuantizedKernels: @unchecked Sendable {
    typealias RowDot = (_ weights: UnsafeRawPointer, _ rowBytes: Int, _ rows: Int, _ cols: Int,
                                  _ xq: UnsafePointer<Int8>, _ xd: UnsafePointer<Float>, _ xsums: UnsafeRawPointer,
                                  _ y: UnsafeMutablePointer<Float>) -> Void

    /// Rows against up to four inputs at once, each weight block decoded once for all of them:
    /// input a's values at xq + a·cols; its scales at xd + a·(cols / 4) for the 32-element formats
    /// (each block's scale widened to eight lanes, and an even number of blocks per row) or
    /// xd + a·(cols / 256) for the K formats, whose Σq per 16 elements are at xsums + a·(cols / 8)
    /// bytes; y[a·yStride + r] gets row r against input a.
    typealias RowDotBatched = (_ weights: UnsafeRawPointer, _ rowBytes: Int, _ rows: Int, _ cols: Int,
                               _ xq: UnsafePointer<Int8>, _ xd: UnsafePointer<Float>, _ xsums: UnsafeRawPointer,
                               _ inputs: Int, _ y: UnsafeMutablePointer<Float>, _ yStride: Int) -> Void

    /// The path's name as printed in benchmarks ("generic", "avx2").
    let name: String
    let q8_0: RowDot
    let q4_0: RowDot
    let q5_0: RowDot
    let q4_K: RowDot
    let q6_K: RowDot
    /// Batched kernels where the path has them (prefill's matmuls).
    var q8_0Batched: RowDotBatched? = nil
    var q4_0Batched: RowDotBatched? = nil
    var q5_0Batched: RowDotBatched? = nil
    var q4_KBatched: RowDotBatched? = nil
    var q6_KBatched: RowDotBatched? = nil

    /// The kernel for `dtype`, or nil for the float formats.
    func kernel(for dtype: DType) -> RowDot? {
        switch dtype {
        case .q8_0: return q8_0
        case .q4_0: return q4_0
        case .q5_0: return q5_0
        case .q4_K: return q4_K
        case .q6_K: return q6_K
        case .f32, .f16, .bf16: return nil
        }
    }

    /// The batched kernel for `dtype`, or nil where the path has none (the row-dot kernel then
    /// meets each input in turn).
    func batchedKernel(for dtype: DType) -> RowDotBatched? {
        switch dtype {
        case .q8_0: return q8_0Batched
        case .q4_0: return q4_0Batched
        case .q5_0: return q5_0Batched
        case .q4_K: return q4_KBatched
        case .q6_K: return q6_KBatched
        default: return nil
        }
    }

    /// Portable Swift SIMD, correct on every CPU.
    static let generic = QuantizedKernels(
        name: "generic", q8_0: GenericKernels.q8_0, q4_0: GenericKernels.q4_0, q5_0: GenericKernels.q5_0,
        q4_K: GenericKernels.q4_K, q6_K: GenericKernels.q6_K)
}
