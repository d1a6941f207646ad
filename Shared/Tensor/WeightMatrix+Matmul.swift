/// y = x · Wᵀ for every dtype.
extension WeightMatrix {
    /// y[b, r] = Σ_c x[b, c] · W[r, c] for b in 0..<batch (y = x · Wᵀ): x is [batch, cols], y is [batch, rows].
    ///
    /// F32 goes straight to OpenBLAS. Other dtypes are never expanded whole: for a small batch the
    /// quantized formats quantize x to bytes and take integer dot products block by block (half
    /// floats decode a row at a time), and a large batch decodes panels of rows that fit in cache
    /// and multiplies each panel with sgemm.
    public func matmul(_ x: UnsafePointer<Float>, batch: Int, into y: UnsafeMutablePointer<Float>) {
        guard batch > 0 else { return }
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
        if batch <= Self.rowWiseBatchLimit, let kernel = KernelSelection.current.kernel(for: dtype) {
            quantizedMatmul(x, batch: batch, kernel: kernel, into: y)
        } else if batch <= Self.rowWiseBatchLimit {
            rowWiseMatmul(x, batch: batch, into: y)
        } else {
            panelMatmul(x, batch: batch, into: y)
        }
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
