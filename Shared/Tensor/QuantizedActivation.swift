/// An activation vector quantized to signed bytes once per matmul, so the weight kernels can
/// do integer dot products block by block.
///
/// Two groupings, matching the weights they meet: 32-element blocks (Q8_0, Q4_0, Q5_0 weights)
/// and 256-element super-blocks (Q4_K, Q6_K weights). Either way each group has a Float scale
/// d = max|x| / 127 with q = round(x / d). The weights' offsets and minimums need Σq: kept as
/// d·Σq (Float) per 32-element block, and as Σq (Int16) per 16 elements for the K formats.
struct QuantizedActivation {
    /// Elements per scale: 32 or 256.
    let group: Int
    /// Number of elements.
    let count: Int
    /// The quantized values, count of them.
    let qs: UnsafeMutablePointer<Int8>
    /// One scale per group.
    let scales: UnsafeMutablePointer<Float>
    /// Group 32: d·Σq per block (Float); group 256: Σq per 16 elements (Int16).
    let sums: UnsafeMutableRawPointer
    private let storage: AlignedBuffer

    /// Space for `count` elements grouped by `group`; `count` must be a multiple of `group`.
    init(count: Int, group: Int) {
        self.group = group
        self.count = count
        let groups = count / group
        let sumBytes = group == 32 ? groups * 4 : count / 16 * 2
        let scaleOffset = (count + 63) & ~63
        let sumOffset = scaleOffset + ((groups * 4 + 63) & ~63)
        storage = AlignedBuffer(byteCount: sumOffset + sumBytes)
        qs = storage.bytes.bindMemory(to: Int8.self, capacity: count)
        scales = (storage.bytes + scaleOffset).bindMemory(to: Float.self, capacity: groups)
        sums = storage.bytes + sumOffset
    }

    /// Quantizes `count` floats from `x` into this buffer.
    func quantize(_ x: UnsafePointer<Float>) {
        let sumWidth = group == 32 ? 32 : 16
        for g in 0..<(count / group) {
            let base = g * group
            var amax = SIMD16<Float>()
            for i in stride(from: 0, to: group, by: 16) {
                amax = SIMDMath.maximum(amax, SIMDMath.abs(SIMDMath.load(x, base + i)))
            }
            let d = amax.max() / 127
            let id: Float = d != 0 ? 1 / d : 0
            scales[g] = d
            for i in stride(from: 0, to: group, by: 16) {
                let q = SIMDMath.toInt32(SIMDMath.roundToEven(SIMDMath.load(x, base + i) * id))
                for j in 0..<16 { qs[base + i + j] = Int8(truncatingIfNeeded: q[j]) }
            }
        }
        for s in 0..<(count / sumWidth) {
            var total: Int16 = 0
            for i in 0..<sumWidth { total &+= Int16(qs[s * sumWidth + i]) }
            if group == 32 {
                sums.assumingMemoryBound(to: Float.self)[s] = scales[s] * Float(total)
            } else {
                sums.assumingMemoryBound(to: Int16.self)[s] = total
            }
        }
    }
}
