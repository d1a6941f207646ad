/// Rows of activations quantized to signed bytes once per matmul, so the weight kernels can do
/// integer dot products block by block (llama.cpp quantizes its activations to Q8 the same way).
///
/// Two groupings, matching the weights they meet: 32-element blocks (Q8_0, Q4_0, Q5_0 weights)
/// and 256-element super-blocks (Q4_K, Q6_K weights). Either way each group has a Float scale
/// d = max|x| / 127 with q = round(x / d). The weights' offsets and minimums need Σq: kept as
/// d·Σq (Float) per 32-element block, and as Σq (Int16) per 16 elements for the K formats.
/// The storage is borrowed (from `ScratchPool`), so quantizing allocates nothing.
struct QuantizedActivation {
    /// Elements per scale: 32 or 256.
    let group: Int
    /// Elements per row.
    let count: Int
    /// Rows (the batch).
    let rows: Int
    /// The quantized values, row after row, `count` per row.
    let qs: UnsafeMutablePointer<Int8>
    /// One scale per group, `count / group` per row.
    let scales: UnsafeMutablePointer<Float>
    /// Group 32: d·Σq per block (Float); group 256: Σq per 16 elements (Int16); `sumStride` bytes per row.
    let sums: UnsafeMutableRawPointer

    /// Group 32 only: each block's scale repeated eight times, `count / 4` floats per row (the
    /// batched kernels scale two blocks with one vector multiply).
    let wide: UnsafeMutablePointer<Float>

    /// Bytes of one row's partial sums.
    var sumStride: Int { group == 32 ? count / 32 * 4 : count / 16 * 2 }

    /// Bytes `rows` rows of `count` elements grouped by `group` occupy.
    static func byteCount(rows: Int, count: Int, group: Int) -> Int {
        let values = (rows * count + 63) & ~63
        let scales = (rows * (count / group) * 4 + 63) & ~63
        let sums = (rows * (group == 32 ? count / 32 * 4 : count / 16 * 2) + 63) & ~63
        let wide = group == 32 ? rows * count : 0
        return values + scales + sums + wide
    }

    /// Lays out `rows` rows over `storage`, which holds at least `byteCount(rows:count:group:)` bytes.
    init(rows: Int, count: Int, group: Int, storage: UnsafeMutableRawPointer) {
        self.group = group
        self.count = count
        self.rows = rows
        let values = (rows * count + 63) & ~63
        let scaleBytes = (rows * (count / group) * 4 + 63) & ~63
        qs = storage.bindMemory(to: Int8.self, capacity: rows * count)
        scales = (storage + values).bindMemory(to: Float.self, capacity: rows * (count / group))
        sums = storage + values + scaleBytes
        let sumBytes = (rows * (group == 32 ? count / 32 * 4 : count / 16 * 2) + 63) & ~63
        wide = (storage + values + scaleBytes + sumBytes).bindMemory(to: Float.self, capacity: group == 32 ? rows * count / 4 : 0)
    }

    /// Row `row`'s values, scales and sums, the three pointers a kernel takes.
    @inline(__always)
    func row(_ row: Int) -> (qs: UnsafePointer<Int8>, scales: UnsafePointer<Float>, sums: UnsafeRawPointer) {
        (UnsafePointer(qs + row * count), UnsafePointer(scales + row * (count / group)),
         UnsafeRawPointer(sums + row * sumStride))
    }

    /// Quantizes row `row` from the `count` floats at `x`.
    ///
    /// Bound by the float-to-byte conversion; a row of a few thousand elements takes a microsecond.
    func quantize(row: Int, from x: UnsafePointer<Float>) {
        let q8 = qs + row * count
        let d8 = scales + row * (count / group)
        let sumBase = sums + row * sumStride
        for g in 0..<(count / group) {
            let base = g * group
            var amax = SIMD16<Float>()
            for i in stride(from: 0, to: group, by: 16) {
                amax = SIMDMath.maximum(amax, SIMDMath.abs(SIMDMath.load(x, base + i)))
            }
            let d = amax.max() / 127
            let id: Float = d != 0 ? 1 / d : 0
            d8[g] = d
            if group == 32 {
                let w = UnsafeMutableRawPointer(wide + row * (count / 4) + g * 8)
                w.storeBytes(of: SIMD8<Float>(repeating: d), as: SIMD8<Float>.self)
            }
            for i in stride(from: 0, to: group, by: 16) {
                let q = SIMDMath.toInt32(SIMDMath.roundToEven(SIMDMath.load(x, base + i) * id))
                // Each 16-lane sum of values within ±127 fits in Int16 (and so does a 32-lane one).
                let bytes = SIMD16<Int8>(truncatingIfNeeded: q)
                UnsafeMutableRawPointer(q8 + base + i).storeBytes(of: bytes, as: SIMD16<Int8>.self)
                let s = Int16(truncatingIfNeeded: q.wrappedSum())
                if group == 32 {
                    let block = (base + i) / 32
                    let f = sumBase.assumingMemoryBound(to: Float.self)
                    if i % 32 == 0 { f[block] = Float(s) } else { f[block] = d * (f[block] + Float(s)) }
                } else {
                    sumBase.assumingMemoryBound(to: Int16.self)[(base + i) / 16] = s
                }
            }
        }
    }
}
