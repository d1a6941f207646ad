import Tensor

/// The input gradient of y = x · Wᵀ for a frozen weight of any dtype (LoRA's and QLoRA's base).
extension WeightMatrix {
    /// dx [batch, cols] += dy [batch, rows] · W [rows, cols].
    ///
    /// F32 goes straight to sgemm. Other dtypes are decoded a panel of rows at a time (about
    /// 1 MiB of Float32 by default, or `panelRows` rows) and each panel's share is added with
    /// sgemm, so a 4-bit base is never expanded whole: memory stays one panel above the
    /// quantized bytes, and the work is bound by sgemm's FLOPs, not the decoding. Pass a
    /// `scratch` tensor (kept by the caller across steps) to decode into instead of allocating.
    /// A low-rank term's share, scale · (dy · B) · A, is added too.
    public func inputGradient(_ dy: UnsafePointer<Float>, batch: Int, accumulatingInto dx: UnsafeMutablePointer<Float>,
                              panelRows: Int? = nil, scratch: Tensor? = nil) {
        guard batch > 0 else { return }
        if let lowRank {
            withUnsafeTemporaryAllocation(of: Float.self, capacity: batch * lowRank.rank) { t in
                // t[batch, rank] = dy · B, then dx += scale · t · A
                lowRank.b.withUnsafeBufferPointer { b in
                    BLAS.sgemm(transA: false, transB: false, m: batch, n: lowRank.rank, k: rows, alpha: 1, a: dy, lda: rows,
                               b: b.baseAddress!, ldb: lowRank.rank, beta: 0, c: t.baseAddress!, ldc: lowRank.rank)
                }
                lowRank.a.withUnsafeBufferPointer { a in
                    BLAS.sgemm(transA: false, transB: false, m: batch, n: cols, k: lowRank.rank, alpha: lowRank.scale,
                               a: t.baseAddress!, lda: lowRank.rank, b: a.baseAddress!, ldb: cols, beta: 1, c: dx, ldc: cols)
                }
            }
        }
        if dtype == .f32 {
            BLAS.sgemm(transA: false, transB: false, m: batch, n: cols, k: rows, alpha: 1,
                       a: dy, lda: rows, b: bytes.assumingMemoryBound(to: Float.self), ldb: cols,
                       beta: 1, c: dx, ldc: cols)
            return
        }
        let size = max(1, min(rows, panelRows ?? Self.inputGradientPanelRows(cols: cols, rows: rows)))
        let panel = scratch.flatMap { $0.count >= size * cols ? $0 : nil } ?? Tensor(shape: [size, cols])
        var start = 0
        while start < rows {
            let count = min(size, rows - start)
            for r in 0..<count { dequantizeRow(start + r, into: panel.data + r * cols) }
            // dx += dy[:, start..<start+count] · panel[count, cols]
            BLAS.sgemm(transA: false, transB: false, m: batch, n: cols, k: count, alpha: 1,
                       a: dy + start, lda: rows, b: panel.data, ldb: cols, beta: 1, c: dx, ldc: cols)
            start += count
        }
    }

    /// Rows per decoded panel by default: about 1 MiB of Float32.
    public static func inputGradientPanelRows(cols: Int, rows: Int) -> Int {
        max(1, min(rows, max(16, (1 << 18) / max(cols, 1))))
    }

    /// A scratch tensor large enough for `inputGradient`'s default panels of this matrix (nil for F32, which needs none).
    public func makeInputGradientScratch() -> Tensor? {
        dtype == .f32 ? nil : Tensor(shape: [Self.inputGradientPanelRows(cols: cols, rows: rows), cols])
    }
}
