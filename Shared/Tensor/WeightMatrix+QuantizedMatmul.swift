import Synchronization

/// The quantized matmul path: the activation is quantized to bytes once, then every row's
/// blocks meet it in integer dot products; the weights are read exactly once.
extension WeightMatrix {
    /// Rows handed to a kernel call: small enough that a chunk's blocks stay in L1 while each
    /// input of a small batch passes over them.
    static let rowChunk = 16

    /// The least weight bytes worth waking another thread for.
    static let bytesPerThread = 32 << 10

    /// y = x · Wᵀ for a quantized W and a small batch, rows split across `Threading.count` threads.
    ///
    /// Bound by reading the weights from memory: each weight byte is loaded once per call.
    func quantizedMatmul(_ x: UnsafePointer<Float>, batch: Int, kernel: QuantizedKernels.RowDot,
                         into y: UnsafeMutablePointer<Float>) {
        let group = dtype.blockElements == 256 ? 256 : 32
        let activations = (0..<batch).map { _ in QuantizedActivation(count: cols, group: group) }
        for b in 0..<batch { activations[b].quantize(x + b * cols) }
        let chunks = (rows + Self.rowChunk - 1) / Self.rowChunk
        // A thread hand-off costs a few microseconds: matrices under ~64 KiB run on one thread.
        let parts = min(chunks, Threading.count, max(1, rows * rowBytes / Self.bytesPerThread))
        Threading.parallelFor(parts) { part in
            for chunk in Self.share(of: chunks, part: part, parts: parts) {
                let start = chunk * Self.rowChunk
                let count = min(Self.rowChunk, rows - start)
                let w = bytes + start * rowBytes
                for b in 0..<batch {
                    let a = activations[b]
                    kernel(w, rowBytes, count, cols, a.qs, a.scales, UnsafeRawPointer(a.sums), y + b * rows + start)
                }
            }
        }
        withExtendedLifetime(activations) {}
    }
}
