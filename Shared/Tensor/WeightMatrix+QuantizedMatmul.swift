import Synchronization

/// The quantized matmul path, for any batch: each input row is quantized to bytes once, then every
/// weight row's blocks meet those rows in integer dot products (as llama.cpp does with Q8
/// activations), so no weight is ever expanded to Float32.
extension WeightMatrix {
    /// Most weight bytes a kernel call covers: a tile of rows this size stays in L1 while every
    /// input of the batch passes over it.
    static let tileBytes = 16 << 10

    /// The least weight bytes (times inputs) worth waking another thread for.
    static let bytesPerThread = 32 << 10

    /// Weight bytes (times inputs) a thread claims at a time: small enough that a thread the
    /// scheduler holds back leaves little for the other to wait on, large enough that claiming
    /// costs nothing measurable.
    static let claimBytes = 96 << 10

    /// y = x · Wᵀ for a quantized W, rows shared out to `Threading.count` threads.
    ///
    /// Bound by reading the weights from memory for a small batch and by the integer dot products
    /// for a large one; each weight tile is read from memory once per call.
    func quantizedMatmul(_ x: UnsafePointer<Float>, batch: Int, into y: UnsafeMutablePointer<Float>) {
        Self.quantizedMatmul(x, batch: batch, weights: CollectionOfOne(self), outputs: CollectionOfOne(y))
    }

    /// y_i = x · W_iᵀ for matrices that share their input (a layer's q, k and v, or gate and up):
    /// the input is quantized once per grouping and one hand-off to the threads covers them all.
    /// Every matrix must be quantized, have `cols` columns, and have a kernel on the current path.
    static func quantizedMatmul<W: Collection, Y: Collection>(
        _ x: UnsafePointer<Float>, batch: Int, weights: W, outputs: Y
    ) where W.Element == WeightMatrix, Y.Element == UnsafeMutablePointer<Float>, W.Index == Int, Y.Index == Int {
        let kernels = KernelSelection.current
        let cols = weights[weights.startIndex].cols
        let needs32 = weights.contains { $0.dtype.blockElements == 32 }
        let needs256 = weights.contains { $0.dtype.blockElements == 256 }
        let bytes32 = needs32 ? QuantizedActivation.byteCount(rows: batch, count: cols, group: 32) : 0
        let bytes256 = needs256 ? QuantizedActivation.byteCount(rows: batch, count: cols, group: 256) : 0
        ScratchPool.withBuffer(byteCount: bytes32 + bytes256) { storage in
            let a32 = QuantizedActivation(rows: needs32 ? batch : 0, count: cols, group: 32, storage: storage)
            let a256 = QuantizedActivation(rows: needs256 ? batch : 0, count: cols, group: 256, storage: storage + bytes32)
            quantizeRows(x, batch: batch, cols: cols, into: needs32 ? a32 : nil, needs256 ? a256 : nil)

            // Claims are (matrix, run of rows); claim c belongs to the last matrix whose first claim is <= c.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * weights.count) { table in
                let firstClaim = table.baseAddress!, claimRows = table.baseAddress! + weights.count
                var totalClaims = 0, totalWork = 0
                for (i, w) in weights.enumerated() {
                    let perRow = max(1, w.rowBytes * batch)
                    claimRows[i] = max(1, min(w.rows, claimBytes / perRow))
                    firstClaim[i] = totalClaims
                    totalClaims += (w.rows + claimRows[i] - 1) / claimRows[i]
                    totalWork += w.rows * perRow
                }
                let next = Atomic<Int>(0)
                let parts = min(Threading.count, totalClaims, max(1, totalWork / bytesPerThread))
                Threading.parallelFor(parts) { _ in
                    while true {
                        let claim = next.add(1, ordering: .relaxed).oldValue
                        if claim >= totalClaims { break }
                        var m = weights.count - 1
                        while claim < firstClaim[m] { m -= 1 }
                        let w = weights[weights.startIndex + m]
                        let start = (claim - firstClaim[m]) * claimRows[m]
                        let activations = w.dtype.blockElements == 256 ? a256 : a32
                        w.multiply(rows: start..<min(w.rows, start + claimRows[m]), activations,
                                   kernel: kernels.kernel(for: w.dtype)!, batched: kernels.batchedKernel(for: w.dtype),
                                   into: outputs[outputs.startIndex + m])
                    }
                }
            }
        }
    }

    /// Quantizes the batch's rows, split across threads when there are many.
    static func quantizeRows(_ x: UnsafePointer<Float>, batch: Int, cols: Int,
                             into a32: QuantizedActivation?, _ a256: QuantizedActivation?) {
        let parts = min(Threading.count, max(1, batch * cols / (64 << 10)))
        Threading.parallelFor(parts) { part in
            for b in share(of: batch, part: part, parts: parts) {
                a32?.quantize(row: b, from: x + b * cols)
                a256?.quantize(row: b, from: x + b * cols)
            }
        }
    }

    /// y[b, r] for r in `rows` and every b: tiles of rows that fit in L1, each met by every input row.
    /// A batched kernel, when the path has one (and, for the 32-element formats, a row is an even
    /// number of blocks), takes the inputs four at a time, decoding each weight block once for them;
    /// the single-input kernel handles batches of one (decode, bound by memory) and the rest.
    func multiply(rows: Range<Int>, _ a: QuantizedActivation, kernel: QuantizedKernels.RowDot,
                  batched: QuantizedKernels.RowDotBatched?, into y: UnsafeMutablePointer<Float>) {
        let tile = max(1, Self.tileBytes / rowBytes)
        let useBatched = a.rows > 1 && batched != nil && (a.group == 256 || (cols / 32) % 2 == 0)
        let scaleStride = a.group == 32 ? cols / 4 : cols / 256
        let scales = a.group == 32 ? a.wide : a.scales
        var start = rows.lowerBound
        while start < rows.upperBound {
            let count = min(tile, rows.upperBound - start)
            let w = bytes + start * rowBytes
            if useBatched, let batched {
                for b in stride(from: 0, to: a.rows, by: 4) {
                    batched(w, rowBytes, count, cols, a.qs + b * cols, scales + b * scaleStride, a.sums + b * a.sumStride,
                            min(4, a.rows - b), y + b * self.rows + start, self.rows)
                }
            } else {
                for b in 0..<a.rows {
                    let x = a.row(b)
                    kernel(w, rowBytes, count, cols, x.qs, x.scales, x.sums, y + b * self.rows + start)
                }
            }
            start += count
        }
    }
}
