import Synchronization

/// Reusable 64-byte-aligned scratch memory for kernels that need a temporary per call (quantized
/// activations), so the decode loop allocates nothing after its first step.
///
/// A call borrows the smallest free buffer that is large enough (or allocates one) and hands it
/// back when its body returns; concurrent sessions each get their own.
enum ScratchPool {
    private static let free = Mutex<[AlignedBuffer]>([])

    /// Runs `body` with at least `byteCount` bytes of scratch whose contents are undefined.
    static func withBuffer<R>(byteCount: Int, _ body: (UnsafeMutableRawPointer) throws -> R) rethrows -> R {
        let buffer = take(byteCount)
        defer { free.withLock { $0.append(buffer) } }
        return try body(buffer.bytes)
    }

    private static func take(_ byteCount: Int) -> AlignedBuffer {
        let reused: AlignedBuffer? = free.withLock { buffers in
            var best: Int?
            for (i, b) in buffers.enumerated() where b.byteCount >= byteCount {
                if best == nil || b.byteCount < buffers[best!].byteCount { best = i }
            }
            return best.map { buffers.remove(at: $0) }
        }
        // Round up so a batch that grows by a few rows reuses the buffer instead of adding another.
        return reused ?? AlignedBuffer(byteCount: max(byteCount, 1) * 5 / 4 + 4096)
    }
}
