/// y = x · Wᵀ for every dtype.
extension WeightMatrix {
    /// y[b, r] = Σ_c x[b, c] · W[r, c] for b in 0..<batch (y = x · Wᵀ): x is [batch, cols], y is [batch, rows].
    ///
    /// F32 goes straight to OpenBLAS. Other dtypes are never expanded whole: the quantized formats
    /// quantize x to bytes once and take integer dot products block by block (for a large batch,
    /// where the CPU's path has batched kernels); half floats, and large batches on paths without
    /// batched kernels, decode a row at a time for a small batch and panels of rows that fit in
    /// cache for sgemm in a large one.
    ///
    /// A low-rank term (`lowRank`) is added to the product after.
    public func matmul(_ x: UnsafePointer<Float>, batch: Int, into y: UnsafeMutablePointer<Float>) {
        guard batch > 0 else { return }
        storedMatmul(x, batch: batch, into: y)
        lowRank?.addProduct(x, batch: batch, into: y)
    }

    /// `matmul` of the encoded bytes alone.
    private func storedMatmul(_ x: UnsafePointer<Float>, batch: Int, into y: UnsafeMutablePointer<Float>) {
        if dtype == .f32 {
            let w = bytes.assumingMemoryBound(to: Float.self)
            if batch == 1 {
                BLAS.sgemv(trans: false, m: rows, n: cols, alpha: 1, a: w, lda: cols, x: x, beta: 0, y: y)
            } else {
                BLAS.sgemm(transA: false, transB: true, m: batch, n: rows, k: cols, alpha: 1,
                           a: x, lda: cols, b: w, ldb: cols, beta: 0, c: y, ldc: rows)
            }
            return
        }
        if Self.takesQuantizedPath(dtype, batch: batch) {
            quantizedMatmul(x, batch: batch, into: y)
        } else if batch <= Self.rowWiseBatchLimit {
            rowWiseMatmul(x, batch: batch, into: y)
        } else {
            panelMatmul(x, batch: batch, into: y)
        }
    }

    /// y = x · Wᵀ with x kept in Float32: quantized weights are decoded (a row at a time, or in panels
    /// for sgemm) and the activations are never rounded to bytes. Training calls this, so that the
    /// forward is exactly the function of the decoded weights that its backward differentiates.
    public func matmulDecoded(_ x: UnsafePointer<Float>, batch: Int, into y: UnsafeMutablePointer<Float>) {
        guard batch > 0 else { return }
        if dtype == .f32 {
            storedMatmul(x, batch: batch, into: y)
        } else if batch <= Self.rowWiseBatchLimit {
            rowWiseMatmul(x, batch: batch, into: y)
        } else {
            panelMatmul(x, batch: batch, into: y)
        }
        lowRank?.addProduct(x, batch: batch, into: y)
    }

    /// y_i[b, r] = Σ_c x[b, c] · W_i[r, c] for matrices that all read the same input x [batch, cols]
    /// (a layer's q, k and v projections, or gate and up): quantized matrices share one quantization
    /// of x and one hand-off to the threads, which a decode step otherwise pays per matrix.
    public static func matmul(_ x: UnsafePointer<Float>, batch: Int, weights: [WeightMatrix],
                              into outputs: [UnsafeMutablePointer<Float>]) {
        precondition(weights.count == outputs.count, "one output per weight matrix")
        guard batch > 0, let first = weights.first else { return }
        if weights.count > 1, weights.allSatisfy({ $0.cols == first.cols && takesQuantizedPath($0.dtype, batch: batch) }) {
            quantizedMatmul(x, batch: batch, weights: weights, outputs: outputs)
            for (w, y) in zip(weights, outputs) { w.lowRank?.addProduct(x, batch: batch, into: y) }
            return
        }
        for (w, y) in zip(weights, outputs) { w.matmul(x, batch: batch, into: y) }
    }

    /// True when `dtype` at `batch` inputs goes through the integer kernels: always for a small
    /// batch, and for a large one where the current path decodes each block once for several inputs
    /// (elsewhere one input at a time would be slower than sgemm on decoded panels).
    static func takesQuantizedPath(_ dtype: DType, batch: Int) -> Bool {
        let kernels = KernelSelection.current
        guard kernels.kernel(for: dtype) != nil else { return false }
        return batch <= rowWiseBatchLimit || kernels.batchedKernel(for: dtype) != nil
    }

    /// Up to this many inputs, reading each row once and dotting it with every input beats
    /// decoding panels for sgemm.
    static let rowWiseBatchLimit = 4

    /// Decodes one row at a time into a per-thread buffer and dots it with each input; rows are
    /// split across threads, each writing its own outputs.
    func rowWiseMatmul(_ x: UnsafePointer<Float>, batch: Int, into y: UnsafeMutablePointer<Float>) {
        let parts = min(rows, Threading.count)
        Threading.parallelFor(parts) { part in
            let range = Self.share(of: rows, part: part, parts: parts)
            withUnsafeTemporaryAllocation(of: Float.self, capacity: cols) { buffer in
                let row = buffer.baseAddress!
                for r in range {
                    Self.dequantize(bytes + r * rowBytes, dtype: dtype, count: cols, into: row)
                    for b in 0..<batch {
                        y[b * rows + r] = Kernels.dot(row, x + b * cols, count: cols)
                    }
                }
            }
        }
    }

    /// Decodes panels of about 1 MiB of Float32 rows and multiplies each with sgemm, so the
    /// panel is still in cache when sgemm reads it.
    func panelMatmul(_ x: UnsafePointer<Float>, batch: Int, into y: UnsafeMutablePointer<Float>) {
        let panelRows = max(16, min(rows, (1 << 18) / cols))
        let buffer = AlignedBuffer(byteCount: panelRows * cols * 4)
        let panel = buffer.bytes.assumingMemoryBound(to: Float.self)
        var start = 0
        while start < rows {
            let count = min(panelRows, rows - start)
            let parts = min(count, Threading.count)
            Threading.parallelFor(parts) { part in
                for r in Self.share(of: count, part: part, parts: parts) {
                    Self.dequantize(bytes + (start + r) * rowBytes, dtype: dtype, count: cols, into: panel + r * cols)
                }
            }
            BLAS.sgemm(transA: false, transB: true, m: batch, n: count, k: cols, alpha: 1,
                       a: x, lda: cols, b: panel, ldb: cols, beta: 0, c: y + start, ldc: rows)
            start += count
        }
        withExtendedLifetime(buffer) {}
    }
}
