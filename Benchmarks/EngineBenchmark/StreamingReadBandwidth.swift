import BenchmarkKit
import Tensor

/// The memory bandwidth a decode step can hope for: GB/s of summing a buffer far larger than the
/// caches, split across the engine's own threads exactly as its matvecs split weight rows.
enum StreamingReadBandwidth {
    /// Bytes read per pass: 512 MiB, well past any last-level cache, about the size of a small model.
    static let bufferBytes = 512 << 20

    /// GB/s (1e9 bytes) of each of `passes` full reads of the buffer with `Threading.count` threads.
    static func measure(passes: Int) -> [Double] {
        let count = bufferBytes / MemoryLayout<Float>.stride
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: count)
        defer { buffer.deallocate() }
        // Writing every page first, so the passes time reads of resident memory, not page faults.
        buffer.initialize(repeating: 1, count: count)
        let parts = Threading.count
        let partials = UnsafeMutablePointer<Float>.allocate(capacity: parts)
        defer { partials.deallocate() }
        var rates: [Double] = []
        for _ in 0..<(passes + 1) {
            let start = Clock.seconds()
            Threading.parallelFor(parts) { part in
                let base = count / parts * part
                let end = part == parts - 1 ? count : base + count / parts
                partials[part] = sum(buffer + base, count: end - base)
            }
            let elapsed = Clock.seconds() - start
            rates.append(Double(bufferBytes) / elapsed / 1e9)
        }
        // The sums are read so the compiler cannot drop the loads.
        if (0..<parts).map({ partials[$0] }).reduce(0, +) < 0 { print("impossible negative sum") }
        return Array(rates.dropFirst())
    }

    /// Σ x over `count` floats with four independent 16-wide accumulators; bound by memory reads.
    static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var a0 = SIMD16<Float>(), a1 = SIMD16<Float>(), a2 = SIMD16<Float>(), a3 = SIMD16<Float>()
        let raw = UnsafeRawPointer(x)
        var i = 0
        while i + 64 <= count {
            a0 += raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD16<Float>.self)
            a1 += raw.loadUnaligned(fromByteOffset: 4 * (i + 16), as: SIMD16<Float>.self)
            a2 += raw.loadUnaligned(fromByteOffset: 4 * (i + 32), as: SIMD16<Float>.self)
            a3 += raw.loadUnaligned(fromByteOffset: 4 * (i + 48), as: SIMD16<Float>.self)
            i += 64
        }
        var total = (a0 + a1 + a2 + a3).sum()
        while i < count { total += x[i]; i += 1 }
        return total
    }
}
